// The changes to one struct between two layouts, field by field:
//  1. a path on both sides: moved, resized or retyped;
//  2. a leaf gone from one path and found, same place and type, under another: renamed;
//  3. what is left is removed or added, grouped under the outermost path that is new (or gone),
//     and a removed group whose bytes an added group now holds is reported as replaced by it.
// The inside of an embedded struct whose type did not change is that struct's own business: it is
// reported under that struct, not again under every struct that embeds it.

import type { LayoutStruct } from '../report/layout-types.js';
import { bitPosition, fieldTree, place, type FieldNode } from './field-tree.js';
import type { FieldPlace, LayoutChange } from './types.js';

export interface StructPair {
  old: LayoutStruct;
  new: LayoutStruct;
  oldTypes: Map<string, LayoutStruct>;
  newTypes: Map<string, LayoutStruct>;
}

export function structChanges({ old, new: next, oldTypes, newTypes }: StructPair): LayoutChange[] {
  const struct = next.name;
  const changes: LayoutChange[] = [];
  if (old.size !== next.size) changes.push({ kind: 'struct-resized', struct, old: old.size, new: next.size });
  if (old.align !== next.align) changes.push({ kind: 'struct-realigned', struct, old: old.align, new: next.align });

  const before = fieldTree(old, oldTypes);
  const after = fieldTree(next, newTypes);
  dropUnchangedEmbeddings(before, after);

  for (const [path, a] of before) {
    const b = after.get(path);
    if (!b) continue;
    if (bitPosition(a) !== bitPosition(b)) changes.push({ kind: 'field-moved', struct, field: path, old: position(a), new: position(b) });
    if (a.size !== b.size || a.bit_width !== b.bit_width) changes.push({ kind: 'field-resized', struct, field: path, old: a.size, new: b.size });
    if (a.type !== b.type) changes.push({ kind: 'field-retyped', struct, field: path, old: a.type, new: b.type });
  }

  const gone = [...before.values()].filter((n) => !after.has(n.name));
  const fresh = [...after.values()].filter((n) => !before.has(n.name));
  const renamed = matchRenamedLeaves(gone, fresh);
  for (const [a, b] of renamed) changes.push({ kind: 'field-renamed', struct, old: place(a), new: place(b) });

  const renamedOld = new Set([...renamed.keys()]);
  const renamedNew = new Set([...renamed.values()]);
  const removed = groupsOf(gone.filter((n) => n.leaf && !renamedOld.has(n)), before, after);
  const added = groupsOf(fresh.filter((n) => n.leaf && !renamedNew.has(n)), after, before);
  changes.push(...pairReplacements(struct, removed, added));
  return changes;
}

/** Both sides embed the same struct type at the same path: its inside is compared under its own name. */
function dropUnchangedEmbeddings(before: Map<string, FieldNode>, after: Map<string, FieldNode>): void {
  const dropped: string[] = [];
  for (const [path, a] of before) {
    const b = after.get(path);
    if (a.embeds !== undefined && b?.embeds === a.embeds && a.type === b.type) dropped.push(`${path}.`);
  }
  if (dropped.length === 0) return;
  for (const tree of [before, after]) {
    for (const [path, node] of tree) {
      if (dropped.some((prefix) => path.startsWith(prefix))) tree.delete(path);
      else if (dropped.includes(`${path}.`)) node.leaf = true;
    }
  }
}

/** Leaves with the same name, place, size and type on both sides, under different paths. */
function matchRenamedLeaves(gone: FieldNode[], fresh: FieldNode[]): Map<FieldNode, FieldNode> {
  const key = (n: FieldNode) => `${n.leafName}\u0000${bitPosition(n)}\u0000${n.size}\u0000${n.bit_width ?? ''}\u0000${n.type}`;
  const candidates = new Map<string, FieldNode[]>();
  for (const n of fresh) if (n.leaf) candidates.set(key(n), [...(candidates.get(key(n)) ?? []), n]);
  const matched = new Map<FieldNode, FieldNode>();
  for (const n of gone) {
    if (!n.leaf) continue;
    const match = candidates.get(key(n))?.shift();
    if (match) matched.set(n, match);
  }
  return matched;
}

/** Leaves grouped under their outermost ancestor that the other side lacks. */
function groupsOf(leaves: FieldNode[], tree: Map<string, FieldNode>, other: Map<string, FieldNode>): FieldNode[] {
  const tops = new Map<string, FieldNode>();
  for (const leaf of leaves) {
    let top = leaf;
    for (let parent = tree.get(top.parent); parent && !other.has(parent.name); parent = tree.get(parent.parent)) top = parent;
    tops.set(top.name, top);
  }
  return [...tops.values()];
}

/** Removed and added groups whose bytes overlap become one replacement; the rest stay as they are. */
function pairReplacements(struct: string, removed: FieldNode[], added: FieldNode[]): LayoutChange[] {
  const overlaps = (a: FieldPlace, b: FieldPlace) => a.offset < b.offset + Math.max(b.size, 1) && b.offset < a.offset + Math.max(a.size, 1);
  const changes: LayoutChange[] = [];
  const usedAdded = new Set<FieldNode>();
  const usedRemoved = new Set<FieldNode>();
  for (const r of removed) {
    if (usedRemoved.has(r)) continue;
    // Grow the component until no removed or added group overlaps it any more.
    const oldSide = [r];
    const newSide: FieldNode[] = [];
    usedRemoved.add(r);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of added) {
        if (usedAdded.has(a) || !oldSide.some((o) => overlaps(o, a))) continue;
        usedAdded.add(a);
        newSide.push(a);
        grew = true;
      }
      for (const o of removed) {
        if (usedRemoved.has(o) || !newSide.some((a) => overlaps(o, a))) continue;
        usedRemoved.add(o);
        oldSide.push(o);
        grew = true;
      }
    }
    if (newSide.length === 0) changes.push({ kind: 'field-removed', struct, field: place(r) });
    else changes.push({ kind: 'field-replaced', struct, old: sorted(oldSide).map(place), new: sorted(newSide).map(place) });
  }
  for (const a of added) if (!usedAdded.has(a)) changes.push({ kind: 'field-added', struct, field: place(a) });
  return changes;
}

function sorted(nodes: FieldNode[]): FieldNode[] {
  return [...nodes].sort((a, b) => bitPosition(a) - bitPosition(b) || (a.name < b.name ? -1 : 1));
}

function position(node: FieldNode) {
  return node.bit_width !== undefined ? { offset: node.offset, bit_offset: node.bit_offset ?? 0 } : { offset: node.offset };
}
