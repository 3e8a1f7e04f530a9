// Records → NASM STRUC models: flatten anonymous members, place bit-fields in their storage
// units, and decide every label, reservation and padding directive.

import type { CType, FieldLayout, RecordLayout, StrucLine, StructMember, StructModel } from '../types.js';

/** The NASM name of a record: its first direct typedef name, else its tag. */
export function recordName(record: RecordLayout): string | undefined {
  return record.typedefNames[0] ?? record.tag;
}

/** A record nobody can name (an anonymous struct or union used inline). */
function isAnonymous(record: RecordLayout): boolean {
  return recordName(record) === undefined;
}

interface FlatMember {
  member: StructMember & { align: number };
  /** true for members listed in the STRUC itself; false for paths into a named anonymous member */
  inStruc: boolean;
  /** the size of one element: resq for pointer arrays, resb for records */
  element: number;
}

export function buildStructModel(record: RecordLayout, records: readonly RecordLayout[], name: string): StructModel {
  const members: FlatMember[] = [];
  flattenRecord(record, records, 0, '', undefined, true, members);
  return {
    name,
    cName: record.typedefNames[0] ?? `${record.kind} ${record.tag}`,
    kind: record.kind,
    ...(record.tag !== undefined ? { tag: record.tag } : {}),
    aliases: [...record.typedefNames, ...(record.tag !== undefined ? [`${record.kind} ${record.tag}`] : [])].filter((a) => a !== name),
    size: record.size,
    align: record.align,
    origin: record.origin,
    members: members.map((m) => m.member),
    strucLines: strucLines(members.filter((m) => m.inStruc), record),
    equates: equates(name, members),
  };
}

function flattenRecord(
  record: RecordLayout,
  records: readonly RecordLayout[],
  base: number,
  prefix: string,
  via: string | undefined,
  inStruc: boolean,
  out: FlatMember[],
): void {
  for (const field of record.fields) {
    const offset = base + field.offset;
    const nested = field.type.kind === 'record' ? records[field.type.id] : undefined;
    if (field.name === undefined) {
      // An anonymous struct/union: C lets its members be named as the parent's own.
      if (nested && field.bitWidth === undefined) {
        const anonVia = `${via ? `${via} > ` : ''}(anonymous ${nested.kind})`;
        flattenRecord(nested, records, offset, prefix, anonVia, inStruc, out);
      }
      continue; // unnamed bit-fields are padding
    }
    const member: FlatMember['member'] = { name: prefix + field.name, offset, size: field.size, typeText: field.typeText, origin: field.origin, align: field.align };
    if (via) member.via = via;
    if (field.fromMacro) member.fromMacro = field.fromMacro;
    if (field.bitWidth !== undefined && field.bitOffset !== undefined) Object.assign(member, bitfieldUnit(field, base));
    out.push({ member, inStruc, element: elementSize(field.type) });
    if (nested && isAnonymous(nested)) {
      // A named member of an anonymous type: its inside is reachable only by a dotted path.
      flattenRecord(nested, records, offset, `${member.name}.`, via, false, out);
    }
  }
}

/** The storage unit of a bit-field: the naturally aligned unit of its declared type that holds it,
 * or, when a packed record makes it straddle one, the smallest power-of-two run of bytes that does. */
function bitfieldUnit(field: FieldLayout, base: number): { offset: number; size: number; bit: number; width: number } {
  const absoluteBit = base * 8 + field.bitOffset!;
  const width = field.bitWidth!;
  let unit = Math.max(1, 'size' in field.type ? field.type.size : 1);
  let offset = Math.floor(absoluteBit / (unit * 8)) * unit;
  if (absoluteBit - offset * 8 + width > unit * 8) {
    offset = Math.floor(absoluteBit / 8);
    unit = 1;
    while (absoluteBit - offset * 8 + width > unit * 8) unit *= 2;
  }
  return { offset, size: unit, bit: absoluteBit - offset * 8, width };
}

const reserveBySize: Record<number, 'resb' | 'resw' | 'resd' | 'resq'> = { 1: 'resb', 2: 'resw', 4: 'resd', 8: 'resq' };

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Padding from `from` to `to`: `alignb` where natural alignment explains it, else `resb`. */
function padding(from: number, to: number, align: number, what: string): StrucLine | undefined {
  if (to <= from) return undefined;
  if (align > 1 && alignUp(from, align) === to) return { kind: 'align', align, comment: `${to - from} byte${to - from === 1 ? '' : 's'} of padding ${what}` };
  return { kind: 'reserve', directive: 'resb', count: to - from, comment: `padding ${what}` };
}

/** The size of the scalar a field is made of, for choosing resw/resd/resq over resb. */
function elementSize(type: CType): number {
  if (type.kind === 'array') return elementSize(type.of);
  if (type.kind === 'record' || type.kind === 'blob' || type.kind === 'opaque') return 1;
  return 'size' in type ? type.size : 1;
}

function strucLines(members: FlatMember[], record: RecordLayout): StrucLine[] {
  const lines: StrucLine[] = [];
  const groups = groupByOffset(members);
  const offsets = [...groups.keys()].sort((a, b) => a - b);
  let cursor = 0;
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i]!;
    const group = groups.get(offset)!;
    let widest = group[0]!;
    let align = 0;
    for (const m of group) {
      if (m.member.size > widest.member.size) widest = m;
      align = Math.max(align, m.member.align);
    }
    const gap = padding(cursor, offset, align, `before .${group[0]!.member.name}`);
    if (gap) lines.push(gap);
    for (const m of group) lines.push({ kind: 'label', name: m.member.name, comment: memberComment(m.member) });
    const next = offsets[i + 1] ?? record.size;
    const extent = Math.min(offset + widest.member.size, next);
    const length = extent - offset;
    if (length > 0) lines.push(reservation(length, widest.member.width !== undefined ? widest.member.size : widest.element));
    cursor = Math.max(cursor, extent);
  }
  const tail = padding(cursor, record.size, record.align, 'at the end');
  if (tail) lines.push(tail);
  return lines;
}

/** Members that share an offset (a union's, or a bit-field's unit), in member order. */
function groupByOffset(members: readonly FlatMember[]): Map<number, FlatMember[]> {
  const groups = new Map<number, FlatMember[]>();
  for (const m of members) {
    const group = groups.get(m.member.offset);
    if (group) group.push(m);
    else groups.set(m.member.offset, [m]);
  }
  return groups;
}

function reservation(length: number, element: number): StrucLine {
  const unit = reserveBySize[element] !== undefined && length % element === 0 ? element : 1;
  return { kind: 'reserve', directive: reserveBySize[unit]!, count: length / unit, comment: '' };
}

function memberComment(m: StructMember): string {
  const bits = m.width !== undefined ? ` : ${m.width} (bits ${m.bit}..${m.bit! + m.width - 1})` : '';
  return `${m.typeText}${bits}${m.via ? `  in ${m.via}` : ''}`;
}

function equates(name: string, members: readonly FlatMember[]): StructModel['equates'] {
  const out: StructModel['equates'] = [];
  for (const { member: m, inStruc } of members) {
    const label = `${name}.${m.name}`;
    if (!inStruc) out.push({ name: label, value: String(m.offset), comment: m.typeText });
    if (m.width !== undefined) {
      const mask = ((1n << BigInt(m.width)) - 1n) << BigInt(m.bit!);
      out.push({ name: `${label}.bit`, value: String(m.bit), comment: `first bit in the ${m.size}-byte unit at ${label}` });
      out.push({ name: `${label}.width`, value: String(m.width), comment: 'bits' });
      out.push({ name: `${label}.mask`, value: `0x${mask.toString(16)}`, comment: 'the bits in that unit' });
    }
  }
  return out;
}
