// diff: two layout.json objects → what changed: structs, their fields, constants and symbols.

import type { LayoutJson } from '../report/layout-types.js';
import { definesText, signatureText } from '../report/text.js';
import { structsByTypeName } from './field-tree.js';
import { structChanges } from './struct-changes.js';
import type { ChangeKind, LayoutChange, LayoutDiff, LayoutSide } from './types.js';

export type * from './types.js';
export { diffText, diffJsonText } from './render.js';

const changeKinds: ChangeKind[] = [
  'struct-added',
  'struct-removed',
  'struct-resized',
  'struct-realigned',
  'field-added',
  'field-removed',
  'field-moved',
  'field-resized',
  'field-retyped',
  'field-renamed',
  'field-replaced',
  'constant-added',
  'constant-removed',
  'constant-changed',
  'function-added',
  'function-removed',
  'function-changed',
  'data-added',
  'data-removed',
  'data-retyped',
];

/** `sources` name where each side came from (a file or a version), for the header of the output. */
export function diffLayouts(from: LayoutJson, to: LayoutJson, sources: { from: string; to: string } = { from: 'A', to: 'B' }): LayoutDiff {
  const changes = [...structsDiff(from, to), ...constantsDiff(from, to), ...functionsDiff(from, to), ...dataDiff(from, to)];
  const summary = Object.fromEntries(changeKinds.map((kind) => [kind, 0])) as Record<ChangeKind, number>;
  for (const change of changes) summary[change.kind]++;
  return { from: side(from, sources.from), to: side(to, sources.to), identical: changes.length === 0, summary, changes };
}

function side(layout: LayoutJson, source: string): LayoutSide {
  return { source, python: layout.python.version, defines: definesText(layout.python.defines), target: layout.python.target };
}

function structsDiff(from: LayoutJson, to: LayoutJson): LayoutChange[] {
  const oldTypes = structsByTypeName(from);
  const newTypes = structsByTypeName(to);
  const changes: LayoutChange[] = [];
  for (const [a, b] of pairs(from.structs, to.structs)) {
    const name = (b ?? a)!.name;
    if (a && b) changes.push(...structChanges({ old: a, new: b, oldTypes, newTypes }));
    else if (b) changes.push({ kind: 'struct-added', struct: name, size: b.size });
    else if (a) changes.push({ kind: 'struct-removed', struct: name, size: a.size });
  }
  return changes;
}

function constantsDiff(from: LayoutJson, to: LayoutJson): LayoutChange[] {
  return pairs(from.constants, to.constants).flatMap(([a, b]): LayoutChange[] => {
    if (a && b) {
      const same = String(a.value) === String(b.value) && a.type === b.type;
      return same ? [] : [{ kind: 'constant-changed', name: a.name, old: { value: a.value, type: a.type }, new: { value: b.value, type: b.type } }];
    }
    const c = (a ?? b)!;
    return [{ kind: a ? 'constant-removed' : 'constant-added', name: c.name, value: c.value, type: c.type }];
  });
}

function functionsDiff(from: LayoutJson, to: LayoutJson): LayoutChange[] {
  return pairs(from.functions, to.functions).flatMap(([a, b]): LayoutChange[] => {
    if (a && b) {
      const [old, next] = [signatureText(a), signatureText(b)];
      return old === next ? [] : [{ kind: 'function-changed', name: a.name, old, new: next }];
    }
    const f = (a ?? b)!;
    return [{ kind: a ? 'function-removed' : 'function-added', name: f.name, declaration: signatureText(f) }];
  });
}

function dataDiff(from: LayoutJson, to: LayoutJson): LayoutChange[] {
  return pairs(from.data, to.data).flatMap(([a, b]): LayoutChange[] => {
    if (a && b) return a.type === b.type ? [] : [{ kind: 'data-retyped', name: a.name, old: a.type, new: b.type }];
    const d = (a ?? b)!;
    return [{ kind: a ? 'data-removed' : 'data-added', name: d.name, type: d.type }];
  });
}

/** Items of both sides matched by name, in name order. */
function pairs<T extends { name: string }>(from: readonly T[], to: readonly T[]): [T | undefined, T | undefined][] {
  const a = new Map(from.map((item) => [item.name, item]));
  const b = new Map(to.map((item) => [item.name, item]));
  return unionOfNames(from, to).map((name) => [a.get(name), b.get(name)]);
}

function unionOfNames(from: readonly { name: string }[], to: readonly { name: string }[]): string[] {
  return [...new Set([...from.map((i) => i.name), ...to.map((i) => i.name)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}
