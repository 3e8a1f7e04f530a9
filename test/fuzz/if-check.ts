// #if fuzzing: each case is one expression, tested the ways a header tests one — `#if E` (or
// `#if 0` … `#elif E`), whether it is signed (`#if 0 * (E) - 1 < 0`), and each of its 64 bits
// (`#if ((E) >> k) & 1`) — so that the tokens gcc -E and gen-inc let through spell its truth,
// signedness and value. An expression holding `defined` is tested in place each time; any other
// is also bound to a macro first, which the bit tests use.

import type { Random } from './random.js';
import { BatchText } from './batch-text.js';
import { evaluate, type Expr } from './expr-tree.js';
import { generateExpression, type ExprScope } from './expr-generate.js';
import { Renderer } from './expr-render.js';
import { preprocessBatch } from './preprocess-batch.js';
import type { Verdict } from './verdict.js';
import type { Shrinker } from './shrink.js';
import { exprReductions, exprWeight } from './expr-shrink.js';

export interface IfCase {
  id: number;
  expr: Expr;
  elif: boolean;
}

/** Names carry '@', replaced by the case id when the case is written. */
const scope: ExprScope = { defined: ['D@_0', 'D@_1'], undefined: ['U@_0', 'U@_1', 'U@_2'], enumConstants: [], measurable: [] };

export function generateIfCase(random: Random, id: number): IfCase {
  return { id, expr: generateExpression(random, 'preprocessor', scope), elif: random.chance(0.2) };
}

function holdsDefined(e: Expr): boolean {
  return JSON.stringify(e, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes('"kind":"defined"');
}

export function ifCaseText(c: IfCase): string {
  const renderer = new Renderer('@');
  const expression = renderer.render(c.expr);
  const lines = ['#define D@_0 1', '#define D@_1(x) x', ...renderer.defines];
  lines.push(c.elif ? `#if 0\nx@\n#elif ${expression}` : `#if ${expression}`, 't@', '#else', 'f@', '#endif');
  lines.push(`#if 0 * ( ${expression} ) - 1 < 0`, 's@', '#endif');
  const value = holdsDefined(c.expr) ? `( ${expression} )` : 'V@';
  if (value === 'V@') lines.push(`#define V@ ( ${expression} )`);
  for (let bit = 0; bit < 64; bit++) lines.push(`#if ( ${value} >> ${bit} ) & 1`, `b@_${bit}`, '#endif');
  return `${lines.join('\n')}\n`.replaceAll('@', String(c.id));
}

/** The case as a reader wants it: the macros and the expression, without the 66 tests. */
export function ifCaseSummary(c: IfCase): string {
  const renderer = new Renderer('@');
  const expression = renderer.render(c.expr);
  const lines = ['#define D@_0 1', '#define D@_1(x) x', ...renderer.defines, `#${c.elif ? 'elif' : 'if'} ${expression}`];
  return `${lines.join('\n')}\n`.replaceAll('@', String(c.id));
}

/** What C says the tokens must be, from the generator's model; only counted, never judged by. */
export function modelTokens(c: IfCase): string[] {
  const { value, type } = evaluate(c.expr, 'preprocessor');
  const bits = BigInt.asUintN(64, value);
  const tokens = [value !== 0n ? `t${c.id}` : `f${c.id}`];
  if (type.signed) tokens.push(`s${c.id}`);
  for (let bit = 0n; bit < 64n; bit++) if ((bits >> bit) & 1n) tokens.push(`b${c.id}_${bit}`);
  return tokens;
}

const marker = /^[tfsbx](\d+)(?:_\d+)?$/;

export async function judgeIfCases(cases: readonly IfCase[], dir: string): Promise<{ verdicts: Map<number, Verdict>; modelDisagrees: number }> {
  const batch = new BatchText(cases, cases.map(ifCaseText));
  const outputs = await preprocessBatch(batch, dir, marker, ['-w']);
  let modelDisagrees = 0;
  for (const c of cases) {
    if (outputs.verdicts.has(c.id)) continue;
    const ours = (outputs.ours.get(c.id) ?? []).join(' ');
    const gcc = (outputs.gcc.get(c.id) ?? []).join(' ');
    if (gcc !== modelTokens(c).join(' ')) modelDisagrees++;
    outputs.verdicts.set(c.id, ours === gcc ? { kind: 'agree' } : { kind: 'mismatch', details: [`gen-inc: ${ours || '(nothing)'}`, `gcc:     ${gcc || '(nothing)'}`] });
  }
  return { verdicts: outputs.verdicts, modelDisagrees };
}

export function ifShrinker(judge: (cases: IfCase[]) => Promise<Map<number, Verdict>>): Shrinker<IfCase> {
  return {
    reductions: (c) => [...exprReductions(c.expr, 'preprocessor').map((expr) => ({ ...c, expr })), ...(c.elif ? [{ ...c, elif: false }] : [])],
    weight: (c) => exprWeight(c.expr) + (c.elif ? 1 : 0),
    judge,
  };
}
