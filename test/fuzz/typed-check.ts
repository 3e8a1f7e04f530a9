// Typed constant fuzzing: each case is `#define K<id> <expression>`, an integer constant
// expression with C's types (literal suffixes, casts, sizeof, _Alignof, enum constants). gen-inc's
// answer is the constant its model builds for the macro (value, size, signedness); gcc's is what
// a compiled program prints for the same macro, its type told by _Generic.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../src/model/index.js';
import { expandText } from '../../src/preprocess/index.js';
import { parse } from '../../src/parse/index.js';
import { resolve } from '../../src/resolve/index.js';
import { preprocess } from '../../src/preprocess/index.js';
import type { IntegerValue } from '../../src/types.js';
import type { Random } from './random.js';
import { BatchText } from './batch-text.js';
import { types, type Expr } from './expr-tree.js';
import { generateExpression, type ExprScope } from './expr-generate.js';
import { exprReductions, exprWeight } from './expr-shrink.js';
import { Renderer } from './expr-render.js';
import { clip, fuzzInstall, target } from './front-end.js';
import { compileAndRun } from './gcc.js';
import { undefinedBehaviourWarning } from './preprocess-batch.js';
import type { Shrinker } from './shrink.js';
import type { Verdict } from './verdict.js';

export interface TypedCase {
  id: number;
  expr: Expr;
}

export const typedPreamble = `enum FuzzSmall { FUZZ_NEG = -7, FUZZ_FIVE = 5 };
enum FuzzBig { FUZZ_BIG = 0x80000000 };
enum FuzzWide { FUZZ_WIDE = 0x100000000 };
typedef unsigned short FuzzU16;
struct FuzzPair { char c; long l; };
`;

const scope: ExprScope = {
  defined: [],
  undefined: [],
  enumConstants: [
    { name: 'FUZZ_NEG', value: -7n, type: types.int },
    { name: 'FUZZ_FIVE', value: 5n, type: types.int },
    { name: 'FUZZ_BIG', value: 1n << 31n, type: types.uint },
    { name: 'FUZZ_WIDE', value: 1n << 32n, type: types.ulong },
  ],
  measurable: [
    { text: 'char', size: 1, align: 1 }, { text: 'short', size: 2, align: 2 }, { text: 'int', size: 4, align: 4 },
    { text: 'long', size: 8, align: 8 }, { text: 'long long', size: 8, align: 8 }, { text: 'long double', size: 16, align: 16 },
    { text: 'double', size: 8, align: 8 }, { text: 'void *', size: 8, align: 8 }, { text: 'FuzzU16', size: 2, align: 2 },
    { text: 'struct FuzzPair', size: 16, align: 8 }, { text: 'enum FuzzSmall', size: 4, align: 4 }, { text: 'unsigned char [3]', size: 3, align: 1 },
  ],
  castTypes: [
    { ...types.ushort, name: 'FuzzU16' },
    { ...types.int, name: 'enum FuzzSmall' },
    { ...types.uint, name: 'enum FuzzBig' },
    { ...types.ulong, name: 'const unsigned long' },
    { ...types.uchar, name: 'char unsigned' },
    { ...types.llong, name: 'long long int' },
  ],
};

export function generateTypedCase(random: Random, id: number): TypedCase {
  return { id, expr: generateExpression(random, 'typed', scope) };
}

export function typedCaseText(c: TypedCase): string {
  const renderer = new Renderer('@');
  const expression = renderer.render(c.expr);
  return `${[...renderer.defines, `#define K@ ${expression}`].join('\n')}\n`.replaceAll('@', String(c.id));
}

const typeNames = Object.values(types)
  .map((t) => `${t.name}: "${t.bits === 1 ? 1 : t.bits / 8} ${t.signed ? 1 : 0}"`)
  .join(', ');
const probePrelude = `#include <stdio.h>
#include "fuzz.h"
#define TYPE_OF(e) _Generic((e), ${typeNames}, default: "0 0")
#define SHOW(n, e) printf("%s\\t%s\\t%lld\\t%llu\\n", n, TYPE_OF(e), (long long)(e), (unsigned long long)(e))
int main(void) {
`;
const preludeLines = probePrelude.split('\n').length - 1;

/** gcc's value and type of each K<id>, or the warnings of undefined behaviour that make a case moot. */
async function gccValues(cases: readonly TypedCase[], dir: string, verdicts: Map<number, Verdict>): Promise<Map<number, IntegerValue>> {
  const shows = cases.map((c) => `SHOW("${c.id}", K${c.id});`);
  const result = await compileAndRun(dir, `${probePrelude}${shows.join('\n')}\nreturn 0;\n}\n`, ['-Wextra', '-Wshift-overflow=2', '-Wno-multichar']);
  const values = new Map<number, IntegerValue>();
  if (!result.ok) throw new Error(`gcc rejected a typed fuzz batch:\n${clip(result.stderr, 4000)}`);
  for (const line of result.stderr.split('\n')) {
    const warning = /probe\.c:(\d+):\d+: warning: (.*)$/.exec(line);
    const c = warning ? cases[Number(warning[1]) - preludeLines - 1] : undefined;
    if (c && undefinedBehaviourWarning.test(warning![2]!)) verdicts.set(c.id, { kind: 'skipped', details: [`gcc: ${warning![2]}`] });
  }
  for (const line of result.stdout.split('\n')) {
    const [id, type, signedValue, unsignedValue] = line.split('\t');
    if (id === undefined || type === undefined) continue;
    const [size, signed] = type.split(' ').map(Number);
    values.set(Number(id), { value: BigInt(signed ? signedValue! : unsignedValue!), size: size!, signed: signed === 1 });
  }
  return values;
}

/** gen-inc's constants: the header through preprocess, parse, resolve and the model. */
function genIncValues(text: string, dir: string): Map<string, IntegerValue> | string {
  try {
    writeFileSync(join(dir, 'fuzz.h'), text);
    const install = fuzzInstall(dir);
    const pp = preprocess({ install, target, entryHeaders: ['fuzz.h'], defines: [] });
    const resolved = resolve(parse(pp), target);
    const model = buildModel({ install, target, defines: [], command: 'fuzz', pp, resolved, expand: (t) => expandText(pp, t) });
    return new Map(model.constants.map((c) => [c.name, c.value]));
  } catch (error) {
    return clip(error instanceof Error ? error.message : String(error));
  }
}

const show = (v: IntegerValue | undefined) => (v ? `${v.value} (${v.signed ? 'signed' : 'unsigned'}, ${v.size} bytes)` : '(no constant)');

export async function judgeTypedCases(cases: readonly TypedCase[], dir: string): Promise<Map<number, Verdict>> {
  const verdicts = new Map<number, Verdict>();
  const batch = new BatchText(cases, cases.map(typedCaseText), typedPreamble);
  const ours = genIncValues(batch.text(), dir);
  const gcc = await gccValues(cases, dir, verdicts);
  for (const c of cases) {
    if (verdicts.has(c.id)) continue;
    if (typeof ours === 'string') {
      verdicts.set(c.id, { kind: 'gen-inc error', details: [ours] });
      continue;
    }
    const mine = ours.get(`K${c.id}`);
    const theirs = gcc.get(c.id);
    const same = mine && theirs && mine.value === theirs.value && mine.size === theirs.size && mine.signed === theirs.signed;
    verdicts.set(c.id, same ? { kind: 'agree' } : { kind: 'mismatch', details: [`gen-inc: ${show(mine)}`, `gcc:     ${show(theirs)}`] });
  }
  return verdicts;
}

export function typedShrinker(judge: (cases: TypedCase[]) => Promise<Map<number, Verdict>>): Shrinker<TypedCase> {
  return {
    reductions: (c) => exprReductions(c.expr, 'typed').map((expr) => ({ ...c, expr })),
    weight: (c) => exprWeight(c.expr),
    judge,
  };
}
