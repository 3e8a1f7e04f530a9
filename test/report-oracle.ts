// Oracles for the layout report beyond test/oracle: pahole's holes and padding read from an object
// built with `gcc -g`, member sizes and alignments as gcc gives them, and whether gcc agrees with
// the C type text of every function and data symbol.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayoutJson, LayoutStruct } from '../src/report/index.js';
import { compileAndRun, includeLines, includeOptions, run, withTempDir, type OracleInstall } from './oracle/gcc.js';

/** How a probe spells the struct's type: by its tag when the name is the tag, else by its typedef. */
export function cTypeOf(s: LayoutStruct): string {
  return s.tag !== null && s.name === s.tag ? `${s.kind} ${s.tag}` : s.name;
}

export interface PaholeRecord {
  holes: { offset: number; size: number }[];
  /** pahole prints no size summary for a union, so says nothing about its padding */
  padding?: number;
  /** pahole's own summary of the holes, when it printed one */
  summary?: { holes: number; sumHoles: number };
}

/**
 * pahole's view of every struct of the layout, keyed by layout name. Records with a tag are read
 * from pahole's full listing; those known only by a typedef are asked for by that name.
 */
export async function paholeRecords(install: OracleInstall, headers: string[], layout: LayoutJson): Promise<Map<string, PaholeRecord>> {
  return withTempDir(async (dir) => {
    const variables = layout.structs.map((s, i) => `${cTypeOf(s)} gi_layout_${i};`).join('\n');
    await writeFile(join(dir, 'probe.c'), `${includeLines(headers)}${variables}\n`);
    await run('gcc', [...includeOptions(install, []), '-g', '-c', '-w', 'probe.c', '-o', 'probe.o'], dir);
    const tagged = parsePahole((await run('pahole', ['probe.o'], dir)).stdout);
    const untagged = layout.structs.filter((s) => s.tag === null).map((s) => s.name);
    const byTypedef = untagged.length > 0 ? parsePahole((await run('pahole', ['-C', untagged.join(','), 'probe.o'], dir)).stdout) : new Map<string, PaholeRecord>();
    const records = new Map<string, PaholeRecord>();
    for (const s of layout.structs) {
      const record = s.tag !== null ? tagged.get(`${s.kind} ${s.tag}`) : byTypedef.get(s.name);
      if (record) records.set(s.name, record);
    }
    return records;
  });
}

const blockStart = /^(?:typedef )?(struct|union)(?: (\w+))? \{$/;
const blockEnd = /^\}(?: (\w+))?;$/;
const memberPlace = /\/\*\s+(\d+)(?::\s*\d+)?\s+(\d+)\s+\*\/$/;
const holeLine = /^\t\/\* XXX (\d+) bytes? hole, try to pack \*\/$/;
const paddingLine = /^\t\/\* padding: (\d+) \*\/$/;
const summaryLine = /^\t\/\* sum members: \d+, holes: (\d+), sum holes: (\d+) \*\/$/;

/** Records by 'struct TAG' / 'union TAG', or by typedef name for `typedef struct { … } NAME;`. */
export function parsePahole(text: string): Map<string, PaholeRecord> {
  const records = new Map<string, PaholeRecord>();
  let current: (PaholeRecord & { key?: string; pendingHole?: number }) | undefined;
  for (const line of text.split('\n')) {
    const start = blockStart.exec(line);
    if (start) {
      current = { holes: [], ...(start[1] === 'struct' ? { padding: 0 } : {}), ...(start[2] ? { key: `${start[1]} ${start[2]}` } : {}) };
      continue;
    }
    if (!current) continue;
    const end = blockEnd.exec(line);
    if (end) {
      const key = current.key ?? end[1];
      const { holes, padding, summary } = current;
      if (key !== undefined) records.set(key, { holes, ...(padding !== undefined ? { padding } : {}), ...(summary ? { summary } : {}) });
      current = undefined;
      continue;
    }
    if (!line.startsWith('\t') || line.startsWith('\t\t')) continue;
    const hole = holeLine.exec(line);
    const padding = paddingLine.exec(line);
    const summary = summaryLine.exec(line);
    const place = memberPlace.exec(line);
    if (hole) current.pendingHole = Number(hole[1]);
    else if (padding) current.padding = Number(padding[1]);
    else if (summary) current.summary = { holes: Number(summary[1]), sumHoles: Number(summary[2]) };
    else if (place && current.pendingHole !== undefined) {
      current.holes.push({ offset: Number(place[1]) - current.pendingHole, size: current.pendingHole });
      current.pendingHole = undefined;
    }
  }
  return records;
}

export interface MemberFacts {
  size: number;
  align: number;
}

/** sizeof and __alignof__ of every member that is not a bit-field, by 'Struct.member.path'. */
export async function gccMemberFacts(install: OracleInstall, headers: string[], layout: LayoutJson): Promise<{ facts: Map<string, MemberFacts>; rejected: string[] }> {
  const keys: string[] = [];
  const items: { inMain: string }[] = [];
  for (const s of layout.structs) {
    for (const f of s.fields) {
      if (f.bit_width !== undefined) continue;
      const member = `((${cTypeOf(s)} *)0)->${f.name}`;
      items.push({ inMain: `printf("M ${keys.length} %zu %zu\\n", sizeof(${member}), __alignof__(${member}));` });
      keys.push(`${s.name}.${f.name}`);
    }
  }
  const { stdout, rejected } = await compileAndRun({ install, defines: [], headers, prelude: '#include <stdio.h>\n', items, flags: ['-w'] });
  const facts = new Map<string, MemberFacts>();
  for (const match of stdout.matchAll(/^M (\d+) (\d+) (\d+)$/gm)) facts.set(keys[Number(match[1])]!, { size: Number(match[2]), align: Number(match[3]) });
  return { facts, rejected: [...rejected].map(([index, error]) => `${keys[index]}: ${error}`) };
}

/** Symbols whose written type gcc does not find compatible with the declared one, with gcc's error. */
export async function gccSymbolTypeMismatches(install: OracleInstall, headers: string[], layout: LayoutJson): Promise<string[]> {
  const names: string[] = [];
  const items: { fileScope: string }[] = [];
  layout.functions.forEach((f, i) => {
    const params = f.params.map((p) => p.type);
    if (f.variadic) params.push('...');
    // Passing the function as an argument of the written pointer type, inside sizeof so that nothing
    // needs linking: gcc rejects an incompatible type, and (unlike __builtin_types_compatible_p)
    // accepts a noreturn function for a plain pointer.
    const take = `gi_take_${i}`;
    items.push({ fileScope: `int ${take}(__typeof__(${f.returns}) (*)(${params.length > 0 ? params.join(', ') : 'void'})); typedef char gi_check_${i}[sizeof ${take}(&${f.name})];` });
    names.push(f.name);
  });
  for (const d of layout.data) {
    items.push({ fileScope: `_Static_assert(__builtin_types_compatible_p(__typeof__(${d.name}), ${d.type}), "${d.name}");` });
    names.push(d.name);
  }
  const { rejected } = await compileAndRun({ install, defines: [], headers, prelude: '', items, flags: ['-Werror=incompatible-pointer-types'] });
  return [...rejected].map(([index, error]) => `${names[index]}: ${error}`);
}
