// Holes and tail padding of a struct, the way pahole counts them: bytes that no member at the
// struct's own level touches, between members (holes) or after the last one (tail padding).

import type { LayoutGap } from './layout-types.js';

export interface PlacedMember {
  name: string;
  offset: number;
  size: number;
  /** bit-fields: first bit inside the unit at `offset`, and the width */
  bit?: number;
  width?: number;
}

export interface StructGaps {
  holes: LayoutGap[];
  tailPadding: number;
}

/** A member named by a dotted path lies inside its parent, which already covers it. */
export function isTopLevel(member: { name: string }): boolean {
  return !member.name.includes('.');
}

/** The bytes a member touches: a bit-field only those that hold its bits, not its whole unit. */
function touchedBytes(member: PlacedMember): [number, number] {
  if (member.width === undefined || member.bit === undefined) return [member.offset, member.offset + member.size];
  return [member.offset + Math.floor(member.bit / 8), member.offset + Math.ceil((member.bit + member.width) / 8)];
}

export function structGaps(members: readonly PlacedMember[], size: number): StructGaps {
  const ranges = members
    .filter(isTopLevel)
    .map(touchedBytes)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const holes: LayoutGap[] = [];
  let covered = 0;
  for (const [start, end] of ranges) {
    if (start > covered) holes.push({ offset: covered, size: start - covered });
    covered = Math.max(covered, end);
  }
  return { holes, tailPadding: Math.max(0, size - covered) };
}
