// One batch of layout cases judged against gcc: all cases in one header, run through gen-inc's
// front end and through one compiled probe that prints every size, alignment, offset and bit
// position gcc decided. A case is 'invalid' when gcc rejects it (a generator bug, or a shrinking
// step too far), 'gen-inc error' when gen-inc rejects or crashes on what gcc accepts, and
// 'mismatch' when any number differs.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutProbe, reportBitsC } from '../resolve-probe.js';
import { BatchText } from './batch-text.js';
import { compileAndRun, type GccMessage } from './gcc.js';
import { clip, runFrontEnd, target } from './front-end.js';
import { caseIdOf, renderCase, type LayoutCase } from './layout-case.js';
import type { Verdict } from './verdict.js';


/** The C text of a case, its names numbered with its id. */
export function caseText(c: LayoutCase): string {
  return renderCase(c).replaceAll('#', String(c.id));
}

const probePrelude = `#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include "fuzz.h"
${reportBitsC}int main(void) {
`;
const preludeLines = probePrelude.split('\n').length - 1;

export async function judgeCases(cases: readonly LayoutCase[], dir: string): Promise<Map<number, Verdict>> {
  const verdicts = new Map<number, Verdict>();
  const header = new BatchText(cases, cases.map(caseText));
  const front = frontEndOf(header, dir, verdicts);

  const probe = front ? layoutProbe(front.decls, front.resolved, target, { isOwnFile: () => true }) : { statements: [], expected: new Map<string, string>() };
  const keys = [...probe.expected.keys()];
  let dropped = new Set<number>();
  for (let attempt = 0; attempt < 4; attempt++) {
    const live = (c: LayoutCase) => !verdicts.has(c.id) || verdicts.get(c.id)!.kind === 'gen-inc error';
    writeFileSync(join(dir, 'fuzz.h'), header.text(live));
    const statements = probe.statements.map((s, i) => (dropped.has(caseIdOf(keys[i]!) ?? -1) || !live(caseById(cases, keys[i]!)) ? ';' : s));
    const result = await compileAndRun(dir, `${probePrelude}${statements.join('\n')}\nreturn 0;\n}\n`, ['-w']);
    if (result.ok) {
      compareFacts(result.stdout, probe.expected, cases, verdicts);
      return verdicts;
    }
    const blamed = blame(result.messages, header, keys, verdicts);
    if (blamed.size === 0) throw new Error(`gcc failed on a fuzz batch and no case is to blame:\n${clip(result.stderr, 4000)}`);
    dropped = new Set([...dropped, ...blamed]);
  }
  throw new Error('gcc kept rejecting a fuzz batch');
}

function caseById(cases: readonly LayoutCase[], key: string): LayoutCase {
  const id = caseIdOf(key);
  return cases.find((c) => c.id === id) ?? cases[0]!;
}

/** gen-inc on the whole header; when it fails, each case alone, and the rest again without the failing ones. */
function frontEndOf(header: BatchText<LayoutCase>, dir: string, verdicts: Map<number, Verdict>) {
  writeFileSync(join(dir, 'fuzz.h'), header.text(() => true));
  const whole = runFrontEnd(dir, 'fuzz.h');
  if (whole.ok) return whole;
  header.cases.forEach((c, i) => {
    writeFileSync(join(dir, 'one.h'), header.texts[i]!);
    const alone = runFrontEnd(dir, 'one.h');
    if (!alone.ok) verdicts.set(c.id, { kind: 'gen-inc error', details: alone.messages });
  });
  writeFileSync(join(dir, 'fuzz.h'), header.text((c) => !verdicts.has(c.id)));
  const rest = runFrontEnd(dir, 'fuzz.h');
  if (rest.ok) return rest;
  for (const c of header.cases) if (!verdicts.has(c.id)) verdicts.set(c.id, { kind: 'gen-inc error', details: ['fails only beside other cases:', ...rest.messages] });
  return undefined;
}

/** Cases that gcc's errors point at: in the header, gcc rejects the case; in the probe, gen-inc described a member gcc does not have. */
function blame(messages: readonly GccMessage[], header: BatchText<LayoutCase>, keys: string[], verdicts: Map<number, Verdict>): Set<number> {
  const blamed = new Set<number>();
  for (const m of messages) {
    if (m.severity !== 'error') continue;
    if (m.file.endsWith('fuzz.h')) {
      const c = header.caseAt(m.line);
      if (!c) continue;
      addDetail(verdicts, c.id, 'invalid', `gcc: fuzz.h:${m.line}: ${m.text}`, true);
      blamed.add(c.id);
    } else if (m.file.endsWith('probe.c')) {
      const key = keys[m.line - preludeLines - 1];
      const id = key !== undefined ? caseIdOf(key) : undefined;
      if (id === undefined) continue;
      addDetail(verdicts, id, 'mismatch', `gcc rejects the probe of ${key}: ${m.text}`, false);
      blamed.add(id);
    }
  }
  return blamed;
}

function addDetail(verdicts: Map<number, Verdict>, id: number, kind: 'invalid' | 'mismatch', detail: string, overrides: boolean): void {
  const previous = verdicts.get(id);
  if (previous && previous.kind !== 'agree' && (previous.kind === kind || !overrides)) {
    previous.details.push(detail);
    return;
  }
  verdicts.set(id, { kind, details: [detail] });
}

function compareFacts(stdout: string, expected: Map<string, string>, cases: readonly LayoutCase[], verdicts: Map<number, Verdict>): void {
  const gcc = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) gcc.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const differences = new Map<number, string[]>();
  for (const [key, value] of expected) {
    const id = caseIdOf(key);
    if (id === undefined || verdicts.has(id)) continue;
    const actual = gcc.get(key);
    if (actual === value || (actual !== undefined && sameEnumValue(key, value, actual))) continue;
    const details = differences.get(id) ?? [];
    details.push(`${key}: gen-inc says ${value}, gcc says ${actual ?? '(nothing)'}`);
    differences.set(id, details);
  }
  for (const [id, details] of differences) verdicts.set(id, { kind: 'mismatch', details });
  for (const c of cases) if (!verdicts.has(c.id)) verdicts.set(c.id, { kind: 'agree' });
}

/** The probe prints enum values as long long: one above LLONG_MAX comes back negative. */
function sameEnumValue(key: string, ours: string, gcc: string): boolean {
  if (!key.startsWith('enum ') || !/^-?\d+$/.test(ours) || !/^-?\d+$/.test(gcc)) return false;
  return BigInt.asIntN(64, BigInt(ours)) === BigInt(gcc);
}
