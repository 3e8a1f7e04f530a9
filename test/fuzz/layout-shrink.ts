// The one-step reductions of a layout case, for shrink.ts: drop a declaration, a field, an
// attribute, an enum constant, a spelling variation; simplify a type; narrow a bit-field; lift an
// inner record's fields into its parent.

import type { EnumNode, FieldNode, LayoutCase, RecordNode, TypeNode } from './layout-case.js';
import { caseWeight } from './layout-case.js';
import type { Verdict } from './verdict.js';
import type { Shrinker } from './shrink.js';

type Edit = (c: LayoutCase) => void;

/** Each list of fields in the case, in one fixed order, so that an edit found on one copy applies to another. */
function fieldLists(c: LayoutCase): FieldNode[][] {
  const lists: FieldNode[][] = [];
  const ofRecord = (r: RecordNode) => {
    lists.push(r.fields);
    for (const f of r.fields) ofType(f.type);
  };
  const ofType = (t: TypeNode) => {
    if (t.kind === 'record') ofRecord(t.record);
    else if (t.kind === 'array') ofType(t.of);
  };
  for (const r of c.records) ofRecord(r.record);
  return lists;
}

function records(c: LayoutCase): RecordNode[] {
  const out: RecordNode[] = c.records.map((r) => r.record);
  for (const list of fieldLists(c)) {
    for (const f of list) {
      let t = f.type;
      while (t.kind === 'array') t = t.of;
      if (t.kind === 'record') out.push(t.record);
    }
  }
  return out;
}

const int: TypeNode = { kind: 'scalar', name: 'int', spelling: 'int' };

function fieldEdits(field: FieldNode, at: (c: LayoutCase) => { list: FieldNode[]; index: number }): Edit[] {
  const edits: Edit[] = [];
  const edit = (change: (f: FieldNode, list: FieldNode[], index: number) => void) =>
    edits.push((c) => {
      const { list, index } = at(c);
      change(list[index]!, list, index);
    });
  edit((_, list, index) => list.splice(index, 1));
  const type = field.type;
  if (type.kind === 'record') {
    edit((f, list, index) => list.splice(index, 1, ...(f.type as { record: RecordNode }).record.fields));
    if (field.name !== undefined) edit((f) => void (f.type = int));
  }
  if (type.kind === 'array') {
    edit((f) => void (f.type = (f.type as { of: TypeNode }).of));
    if (type.length !== 'flexible' && type.length > 1) edit((f) => void ((f.type as { length: number }).length = 1));
  }
  if (type.kind !== 'record' && type.kind !== 'array' && !(type.kind === 'scalar' && type.name === 'int')) {
    if (field.bitWidth === undefined) edit((f) => void (f.type = int));
    else if (field.bitWidth <= 32) edit((f) => void (f.type = int));
  }
  if (type.kind === 'scalar' && type.spelling !== type.name) edit((f) => void (f.type = { ...type, spelling: type.name }));
  if (field.bitWidth !== undefined && field.bitWidth > 1) {
    edit((f) => void (f.bitWidth = 1));
    edit((f) => void (f.bitWidth = Math.ceil(f.bitWidth! / 2)));
    edit((f) => void (f.bitWidth = f.bitWidth! - 1));
  }
  if (field.packed) edit((f) => void delete f.packed);
  if (field.aligned !== undefined) edit((f) => void delete f.aligned);
  if (field.alignas !== undefined) edit((f) => void delete f.alignas);
  if (field.qualifiers !== undefined) edit((f) => void delete f.qualifiers);
  if (field.joined) edit((f) => void delete f.joined);
  if (field.style) edit((f) => void delete f.style);
  return edits;
}

function edits(c: LayoutCase): Edit[] {
  const out: Edit[] = [];
  c.records.forEach((top, i) => {
    if (c.records.length > 1) out.push((k) => void k.records.splice(i, 1));
    if (top.typedefName !== undefined) out.push((k) => {
      const r = k.records[i]!;
      delete r.typedefName;
      r.record.tag ??= `S#_t${i}`;
    });
  });
  c.enums.forEach((e, i) => {
    out.push((k) => void k.enums.splice(i, 1));
    out.push(...enumEdits(e, (k) => k.enums[i]!));
  });
  c.typedefs.forEach((t, i) => {
    out.push((k) => void k.typedefs.splice(i, 1));
    if (t.aligned !== undefined) out.push((k) => void delete k.typedefs[i]!.aligned);
  });
  records(c).forEach((r, i) => {
    if (r.packed) out.push((k) => void delete records(k)[i]!.packed);
    if (r.aligned !== undefined) out.push((k) => void delete records(k)[i]!.aligned);
    if (r.style) out.push((k) => void delete records(k)[i]!.style);
    if (r.kind === 'union') out.push((k) => void (records(k)[i]!.kind = 'struct'));
  });
  fieldLists(c).forEach((list, li) => {
    list.forEach((field, fi) => out.push(...fieldEdits(field, (k) => ({ list: fieldLists(k)[li]!, index: fi }))));
  });
  return out;
}

function enumEdits(e: EnumNode, at: (c: LayoutCase) => EnumNode): Edit[] {
  const out: Edit[] = [];
  if (e.packed) out.push((k) => void delete at(k).packed);
  e.constants.forEach((constant, j) => {
    if (e.constants.length > 1) out.push((k) => void at(k).constants.splice(j, 1));
    if (constant.value !== undefined && constant.value !== 0n) out.push((k) => void (at(k).constants[j]!.value = 0n));
  });
  return out;
}

/** The layout shrinker: every one-step reduction of a case, judged by `judge`. */
export function layoutShrinker(judge: (cases: LayoutCase[]) => Promise<Map<number, Verdict>>): Shrinker<LayoutCase> {
  return {
    reductions: (c) =>
      edits(c).map((edit) => {
        const copy = structuredClone(c);
        edit(copy);
        return copy;
      }),
    weight: caseWeight,
    judge,
  };
}
