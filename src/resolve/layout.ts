// Where members go in a struct or union: the System V rules as gcc implements them
// (PCC_BITFIELD_TYPE_MATTERS), with GNU packed and aligned. Only numbers come in, so the same
// code serves every target whose sizes and alignments are data.

/** CHAR_BIT: C's byte, on every target gen-inc knows */
export const bitsPerByte = 8;

export interface MemberToPlace {
  /** size and alignment of the declared type, in bytes; a flexible array has size 0 */
  size: number;
  align: number;
  /** bit-fields only */
  bitWidth?: number;
  /** an unnamed bit-field does not raise the record's alignment */
  named: boolean;
  /** packed on the member or on its record */
  packed: boolean;
  /** aligned(N) on the member, in bytes */
  aligned?: number;
}

export interface PlacedMember {
  bitOffset: number;
  /** the alignment the member was placed with, in bytes */
  align: number;
}

export interface RecordShape {
  members: PlacedMember[];
  size: number;
  align: number;
}

/** aligned(N) on the record itself raises its alignment (it never lowers it). */
export function placeStructMembers(members: readonly MemberToPlace[], recordAligned: number | undefined): RecordShape {
  let bitPosition = 0;
  let recordAlign = 1;
  const placed: PlacedMember[] = [];
  for (const member of members) {
    if (member.bitWidth === undefined) {
      const align = memberAlign(member);
      bitPosition = roundUp(bitPosition, align * bitsPerByte);
      placed.push({ bitOffset: bitPosition, align });
      bitPosition += member.size * bitsPerByte;
      recordAlign = Math.max(recordAlign, align);
      continue;
    }
    if (member.bitWidth === 0) {
      // A zero-width bit-field starts the next member at a unit of its type; packing does not matter.
      bitPosition = roundUp(bitPosition, member.align * bitsPerByte);
      placed.push({ bitOffset: bitPosition, align: member.align });
      continue;
    }
    if (member.aligned !== undefined) bitPosition = roundUp(bitPosition, member.aligned * bitsPerByte);
    if (!member.packed && spansTooManyUnits(bitPosition, member)) bitPosition = roundUp(bitPosition, member.align * bitsPerByte);
    const align = member.packed ? Math.max(1, member.aligned ?? 1) : Math.max(member.align, member.aligned ?? 1);
    placed.push({ bitOffset: bitPosition, align });
    bitPosition += member.bitWidth;
    if (member.named) recordAlign = Math.max(recordAlign, align);
  }
  return finish(placed, bitPosition, recordAlign, recordAligned);
}

export function placeUnionMembers(members: readonly MemberToPlace[], recordAligned: number | undefined): RecordShape {
  let bits = 0;
  let recordAlign = 1;
  const placed: PlacedMember[] = [];
  for (const member of members) {
    const bitfield = member.bitWidth !== undefined;
    const align = bitfield && member.packed ? Math.max(1, member.aligned ?? 1) : memberAlign(member);
    placed.push({ bitOffset: 0, align });
    bits = Math.max(bits, bitfield ? member.bitWidth! : member.size * bitsPerByte);
    if (!bitfield || (member.named && member.bitWidth !== 0)) recordAlign = Math.max(recordAlign, align);
  }
  return finish(placed, bits, recordAlign, recordAligned);
}

function memberAlign(member: MemberToPlace): number {
  const natural = member.packed ? 1 : member.align;
  return Math.max(natural, member.aligned ?? 1);
}

/**
 * gcc's excess_unit_span: a bit-field may not cover more units of its type's alignment than the
 * type itself has; if it would, it starts at the next unit.
 */
function spansTooManyUnits(bitPosition: number, member: MemberToPlace): boolean {
  const unit = member.align * bitsPerByte;
  const offsetInUnit = bitPosition % unit;
  return Math.ceil((offsetInUnit + member.bitWidth!) / unit) > Math.floor((member.size * bitsPerByte) / unit);
}

function finish(members: PlacedMember[], bits: number, naturalAlign: number, recordAligned: number | undefined): RecordShape {
  const align = Math.max(naturalAlign, recordAligned ?? 1);
  const size = roundUp(Math.ceil(bits / bitsPerByte), align);
  return { members, size, align };
}

export function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
