// Expansion fuzzing: each case's macros and source lines through gcc -E and gen-inc, compared
// token by token from the case's marker on. A case gcc rejects (a wrong argument count reached
// through rescanning, say) must be rejected by gen-inc too.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchText } from './batch-text.js';
import { expandCaseText, type ExpandCase } from './expand-case.js';
import { runPreprocessor } from './front-end.js';
import { preprocessBatch } from './preprocess-batch.js';
import type { Shrinker } from './shrink.js';
import type { Verdict } from './verdict.js';

const marker = /^MARK_(\d+)$/;

export async function judgeExpandCases(cases: readonly ExpandCase[], dir: string): Promise<{ verdicts: Map<number, Verdict>; bothReject: number }> {
  const texts = cases.map(expandCaseText);
  const outputs = await preprocessBatch(new BatchText(cases, texts), dir, marker);
  let bothReject = 0;
  cases.forEach((c, i) => {
    const verdict = outputs.verdicts.get(c.id);
    if (verdict?.kind === 'invalid') {
      writeFileSync(join(dir, 'one.h'), texts[i]!);
      const alone = runPreprocessor(dir, 'one.h');
      if (alone.ok) outputs.verdicts.set(c.id, { kind: 'mismatch', details: [`gcc rejects it: ${verdict.details[0]}`, 'gen-inc accepts it'] });
      else {
        bothReject++;
        outputs.verdicts.set(c.id, { kind: 'agree' });
      }
      return;
    }
    if (verdict) return;
    const ours = (outputs.ours.get(c.id) ?? []).join(' ');
    const gcc = (outputs.gcc.get(c.id) ?? []).join(' ');
    outputs.verdicts.set(c.id, ours === gcc ? { kind: 'agree' } : { kind: 'mismatch', details: [`gen-inc: ${ours || '(nothing)'}`, `gcc:     ${gcc || '(nothing)'}`] });
  });
  return { verdicts: outputs.verdicts, bothReject };
}

/** Weight: tokens of bodies and lines, and each macro, group, item and line. */
function weight(c: ExpandCase): number {
  const macros = c.macros.reduce((sum, m) => sum + 3 + (m.params?.length ?? 0) + m.body.reduce((n, g) => n + 1 + g.length, 0), 0);
  return macros + c.lines.reduce((sum, line) => sum + 2 + line.reduce((n, item) => n + 1 + item.length, 0), 0) + (c.wide ? 1 : 0);
}

/** Drop a macro, a line, a body group, a line item, an unused last parameter; an invocation becomes its bare name. */
function reductions(c: ExpandCase): ExpandCase[] {
  const out: ExpandCase[] = [];
  const variant = (change: (k: ExpandCase) => void) => {
    const k = structuredClone(c);
    change(k);
    out.push(k);
  };
  if (c.wide) variant((k) => delete k.wide);
  c.macros.forEach((m, i) => {
    variant((k) => k.macros.splice(i, 1));
    m.body.forEach((_, g) => variant((k) => k.macros[i]!.body.splice(g, 1)));
    const last = m.params?.[m.params.length - 1];
    if (last !== undefined && !m.body.flat().includes(last)) variant((k) => k.macros[i]!.params!.pop());
  });
  c.lines.forEach((line, i) => {
    if (c.lines.length > 1) variant((k) => k.lines.splice(i, 1));
    line.forEach((item, t) => {
      variant((k) => k.lines[i]!.splice(t, 1));
      if (item.length > 1) variant((k) => k.lines[i]!.splice(t, 1, [item[0]!]));
    });
  });
  return out;
}

export function expandShrinker(judge: (cases: ExpandCase[]) => Promise<Map<number, Verdict>>): Shrinker<ExpandCase> {
  return { reductions, weight, judge };
}
