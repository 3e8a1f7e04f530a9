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
  /** bit-fields only: the alignment of the target's integer type exactly bitWidth wide, if it has one */
  wholeIntegerAlign?: number;
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

/**
 * aligned(N) on the record itself raises its alignment (it never lowers it). `biggestAlign` is the
 * target's BIGGEST_ALIGNMENT, which bounds how gcc rounds a bit-field up to its next unit.
 */
export function placeStructMembers(members: readonly MemberToPlace[], recordAligned: number | undefined, biggestAlign: number): RecordShape {
  const offsetAlign = Math.max(biggestAlign, recordAligned ?? 1);
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
    // gcc decides this where the member would start, before aligned(N) on it moves it
    const whole = placedAsWholeInteger(member, bitPosition);
    const start = bitPosition;
    if (member.aligned !== undefined) bitPosition = roundUp(bitPosition, member.aligned * bitsPerByte);
    if (!whole && !member.packed && spansTooManyUnits(bitPosition, member)) bitPosition = nextUnit(start, bitPosition, member, offsetAlign);
    const align = bitFieldAlign(member, whole);
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
    // at offset 0 every integer type is well aligned
    const align = bitfield ? bitFieldAlign(member, placedAsWholeInteger(member, 0)) : memberAlign(member);
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
 * gcc's layout_decl: a bit-field exactly as wide as an integer type, at a multiple of that type's
 * alignment (anywhere in a union), becomes an ordinary member of that type: the unit rule does not
 * move it, and a named one aligns the record to that type at least. With the bit-field's own type
 * this changes nothing; it shows with a typedef aligned off its type: with `typedef int T
 * __attribute__((aligned(8)))`, `T x : 8` after an int stays there while `T x : 16` after a char
 * goes to the next 8-byte unit; with aligned(1) instead, `T x : 32` after `char c[4]` aligns the
 * record to 4, after `char c[3]` to 1. Packed, it becomes a byte only.
 */
function placedAsWholeInteger(member: MemberToPlace, bitPosition: number): boolean {
  const align = member.wholeIntegerAlign;
  if (align === undefined || (member.packed && align > 1)) return false;
  return bitPosition % (align * bitsPerByte) === 0;
}

/**
 * What a named non-empty bit-field aligns its record to: its type (a typedef's aligned(N) included)
 * unless packed, aligned(N) on itself, and the integer type it became.
 */
function bitFieldAlign(member: MemberToPlace, whole: boolean): number {
  const aligned = member.aligned ?? 1;
  if (member.packed) return Math.max(1, aligned);
  return Math.max(member.align, aligned, whole ? member.wholeIntegerAlign! : 1);
}

/**
 * gcc keeps a position as an offset, a multiple of the offset alignment (the record's alignment, at
 * least BIGGEST_ALIGNMENT), plus bits, and rounds only the bits up to the next unit: the same for
 * any unit up to that alignment, but a typedef aligned beyond it lands one unit past the offset,
 * aligned or not. The offset is the one before the member unless aligned(N) on it realigned that.
 */
function nextUnit(start: number, bitPosition: number, member: MemberToPlace, offsetAlign: number): number {
  const offset = (member.aligned ?? 1) >= offsetAlign ? bitPosition : start - (start % (offsetAlign * bitsPerByte));
  return offset + roundUp(bitPosition - offset, member.align * bitsPerByte);
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
