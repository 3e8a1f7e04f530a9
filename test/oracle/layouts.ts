// Record layouts as gcc computes them: sizeof, _Alignof and offsetof at compile time, and for
// bit-fields (which offsetof cannot take) a run-time probe that sets the field to all ones in a
// zeroed object and looks for the bits that changed.
import { compileAndRun, type OracleInstall } from './gcc.js';

export interface LayoutQuery {
  /** 'PyObject' or 'struct _ts' */
  cType: string;
  /** designators: 'ob_refcnt', 'ob_base.ob_type', 'tp_slots[2]' */
  members: string[];
  /** designators of bit-fields: 'state.kind' */
  bitfields?: string[];
}

export interface BitfieldPlace {
  /** from the start of the record, in bits (bit 0 is the least significant bit of byte 0) */
  bitOffset: number;
  width: number;
}

export type GccLayout =
  | {
      kind: 'layout';
      size: number;
      align: number;
      offsets: Map<string, number>;
      bitfields: Map<string, BitfieldPlace>;
      /** designators gcc rejected (no such member, a bit-field given as a member, …), with gcc's error */
      notCompilable: Map<string, string>;
    }
  /** gcc rejected the type itself (unknown or incomplete) */
  | { kind: 'not-compilable'; error: string };

const prelude = `
#include <stddef.h>
#include <stdio.h>
#include <string.h>
static void gi_report_bits(int query, int member, const void *object, size_t size) {
  const unsigned char *bytes = object;
  long first = -1, last = -1, count = 0;
  for (size_t bit = 0; bit < size * 8; bit++)
    if ((bytes[bit / 8] >> (bit % 8)) & 1) { if (first < 0) first = (long)bit; last = (long)bit; count++; }
  printf("B %d %d %ld %ld %ld\\n", query, member, first, last, count);
}
`;

type ItemRole = { query: number; kind: 'size' } | { query: number; kind: 'offset' | 'bitfield'; designator: string };

/** Merges queries for the same type, so that each type is asked about once. */
function mergeQueries(queries: LayoutQuery[]): LayoutQuery[] {
  const byType = new Map<string, { members: Set<string>; bitfields: Set<string> }>();
  for (const query of queries) {
    const entry = byType.get(query.cType) ?? { members: new Set<string>(), bitfields: new Set<string>() };
    for (const member of query.members) entry.members.add(member);
    for (const bitfield of query.bitfields ?? []) entry.bitfields.add(bitfield);
    byType.set(query.cType, entry);
  }
  return [...byType].map(([cType, entry]) => ({ cType, members: [...entry.members], bitfields: [...entry.bitfields] }));
}

/** One gcc compile and run for all queries. */
export async function gccLayouts(
  install: OracleInstall,
  defines: string[],
  headers: string[],
  queries: LayoutQuery[],
): Promise<Map<string, GccLayout>> {
  const merged = mergeQueries(queries);
  const items: { fileScope?: string; inMain?: string }[] = [];
  const roles: ItemRole[] = [];
  merged.forEach(({ cType, members, bitfields }, query) => {
    roles.push({ query, kind: 'size' });
    items.push({ inMain: `printf("S ${query} %zu %zu\\n", sizeof(${cType}), _Alignof(${cType}));` });
    members.forEach((designator, member) => {
      roles.push({ query, kind: 'offset', designator });
      items.push({ inMain: `printf("O ${query} ${member} %zu\\n", offsetof(${cType}, ${designator}));` });
    });
    (bitfields ?? []).forEach((designator, member) => {
      const object = `gi_object_${query}_${member}`;
      roles.push({ query, kind: 'bitfield', designator });
      items.push({
        inMain: `{ static ${cType} ${object}; memset(&${object}, 0, sizeof ${object}); ${object}.${designator} = -1; gi_report_bits(${query}, ${member}, &${object}, sizeof ${object}); }`,
      });
    });
  });

  const { stdout, rejected } = await compileAndRun({ install, defines, headers, prelude, items, flags: ['-w'] });

  const results = merged.map(() => ({
    size: -1,
    align: -1,
    offsets: new Map<string, number>(),
    bitfields: new Map<string, BitfieldPlace>(),
    notCompilable: new Map<string, string>(),
  }));
  for (const line of stdout.split('\n')) {
    const [tag, ...fields] = line.split(' ');
    const numbers = fields.map(Number);
    const result = results[numbers[0]!];
    if (!result) continue;
    if (tag === 'S') [result.size, result.align] = [numbers[1]!, numbers[2]!];
    else if (tag === 'O') result.offsets.set(merged[numbers[0]!]!.members[numbers[1]!]!, numbers[2]!);
    else if (tag === 'B') {
      const designator = merged[numbers[0]!]!.bitfields![numbers[1]!]!;
      const [first, last, count] = [numbers[2]!, numbers[3]!, numbers[4]!];
      if (count > 0 && count === last - first + 1) result.bitfields.set(designator, { bitOffset: first, width: count });
      else result.notCompilable.set(designator, `setting it to -1 set ${count} bits from bit ${first} to ${last}`);
    }
  }

  const layouts = new Map<string, GccLayout>();
  const typeErrors = new Map<number, string>();
  for (const [index, error] of rejected) {
    const role = roles[index]!;
    if (role.kind === 'size') typeErrors.set(role.query, error);
    else results[role.query]!.notCompilable.set(role.designator, error);
  }
  merged.forEach(({ cType }, query) => {
    const error = typeErrors.get(query);
    layouts.set(cType, error !== undefined ? { kind: 'not-compilable', error } : { kind: 'layout', ...results[query]! });
  });
  return layouts;
}
