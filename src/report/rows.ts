// A struct as pahole prints it: its fields in order, with the holes between them, the tail padding
// and the cacheline boundaries marked. Shared by the HTML and Markdown views.

import type { LayoutField, LayoutStruct } from './layout-types.js';
import { isTopLevel } from './gaps.js';

export const cachelineSize = 64;

export type LayoutRow =
  | { kind: 'field'; offset: number; size: number; field: LayoutField; depth: number; bits: string }
  | { kind: 'hole'; offset: number; size: number }
  | { kind: 'padding'; offset: number; size: number }
  /** a boundary at `offset`; `ago` > 0 when the row after it starts past the boundary */
  | { kind: 'cacheline'; offset: number; line: number; ago: number };

export function layoutRows(struct: LayoutStruct): LayoutRow[] {
  const rows: LayoutRow[] = [];
  let nextBoundary = cachelineSize;
  const place = (offset: number) => {
    if (offset < nextBoundary) return;
    const boundary = Math.floor(offset / cachelineSize) * cachelineSize;
    rows.push({ kind: 'cacheline', offset: boundary, line: boundary / cachelineSize, ago: offset - boundary });
    nextBoundary = boundary + cachelineSize;
  };
  const holes = struct.holes;
  let nextHole = 0;
  for (const field of struct.fields) {
    while (isTopLevel(field) && nextHole < holes.length && holes[nextHole]!.offset + holes[nextHole]!.size <= field.offset) {
      const hole = holes[nextHole++]!;
      place(hole.offset);
      rows.push({ kind: 'hole', offset: hole.offset, size: hole.size });
    }
    place(field.offset);
    rows.push({ kind: 'field', offset: field.offset, size: field.size, field, depth: nestingDepth(field.name), bits: bitsText(field) });
  }
  for (; nextHole < holes.length; nextHole++) {
    const hole = holes[nextHole]!;
    place(hole.offset);
    rows.push({ kind: 'hole', offset: hole.offset, size: hole.size });
  }
  if (struct.tail_padding > 0) {
    const offset = struct.size - struct.tail_padding;
    place(offset);
    rows.push({ kind: 'padding', offset, size: struct.tail_padding });
  }
  return rows;
}

/** How many members of anonymous type a dotted path goes through: the number of its dots. */
function nestingDepth(name: string): number {
  let depth = 0;
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) depth++;
  return depth;
}

/** ':3 (bits 2..4)' or ':1 (bit 5)' for a bit-field, counted inside its unit; '' otherwise. */
function bitsText(field: LayoutField): string {
  if (field.bit_width === undefined) return '';
  const first = field.bit_offset ?? 0;
  const bits = field.bit_width === 1 ? `bit ${first}` : `bits ${first}..${first + field.bit_width - 1}`;
  return `:${field.bit_width} (${bits})`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The bit pattern of an integer of `size` bytes, e.g. -1 as an int → '0xffffffff'. */
export function hexText(value: number | string, size: number): string {
  if (typeof value === 'number' && value >= 0) return `0x${value.toString(16)}`;
  const big = BigInt(value);
  const pattern = big < 0n ? BigInt.asUintN(size * 8, big) : big;
  return `0x${pattern.toString(16)}`;
}

/** The C integer type's size, for the hex bit pattern of a constant's value. */
export function integerTypeSize(type: string): number {
  if (type.endsWith('__int128')) return 16;
  if (type.endsWith('long')) return 8;
  if (type.endsWith('short')) return 2;
  if (type.endsWith('char')) return 1;
  return 4;
}
