// Running a batch of preprocessor cases through gen-inc and through gcc -E, as token lists per
// case. Each case's output tokens carry its id (t12, b12_3, …), which is how the outputs are split.
// A case gen-inc rejects is taken out and the rest run again; gcc's errors and its warnings of
// undefined behaviour are traced to cases by line.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cTokens } from '../preprocess-gcc.js';
import type { BatchText } from './batch-text.js';
import { clip, runPreprocessor } from './front-end.js';
import { preprocessWithGcc } from './gcc.js';
import type { Verdict } from './verdict.js';

/** gcc's words for undefined behaviour in #if and in constant folding. */
export const undefinedBehaviourWarning = /integer overflow in (?:preprocessor )?expression|division by zero|shift count|left shift of negative|requires \d+ bits to represent|integer constant is (?:so|too) large/;

export interface BatchOutputs {
  /** case id → its tokens, from gen-inc and from gcc */
  ours: Map<number, string[]>;
  gcc: Map<number, string[]>;
  verdicts: Map<number, Verdict>;
}

/** The tokens of `text` grouped by the case id that each marker token (letters, id, optional _n) carries. */
export function tokensByCase(text: string, marker: RegExp): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let current: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    for (const token of cTokens(line)) {
      const match = marker.exec(token);
      if (match) current = Number(match[1]);
      if (current === undefined) continue;
      const list = out.get(current) ?? [];
      list.push(token);
      out.set(current, list);
    }
  }
  return out;
}

/**
 * `flags` go to gcc: with '-w' (where the generator's model already rules out undefined behaviour)
 * gcc -E runs a hundred times faster than when it prints a warning for each of thousands of tests.
 */
export async function preprocessBatch<C extends { id: number }>(batch: BatchText<C>, dir: string, marker: RegExp, flags: string[] = []): Promise<BatchOutputs> {
  const verdicts = new Map<number, Verdict>();
  writeFileSync(join(dir, 'fuzz.h'), batch.text());
  const gcc = await preprocessWithGcc(dir, 'fuzz.h', flags);
  for (const m of gcc.ok ? [] : gcc.messages) {
    const c = m.file.endsWith('fuzz.h') ? batch.caseAt(m.line) : undefined;
    if (c && m.severity === 'error') verdicts.set(c.id, { kind: 'invalid', details: [`gcc: line ${m.line}: ${m.text}`] });
  }
  if (!gcc.ok && verdicts.size === 0) throw new Error(`gcc -E failed and no case is to blame:\n${clip(gcc.stderr, 4000)}`);
  for (const line of gcc.stderr.split('\n')) {
    const warning = /fuzz\.h:(\d+):\d+: warning: (.*)$/.exec(line);
    const c = warning ? batch.caseAt(Number(warning[1])) : undefined;
    if (c && undefinedBehaviourWarning.test(warning![2]!) && !verdicts.has(c.id)) verdicts.set(c.id, { kind: 'skipped', details: [`gcc: ${warning![2]}`] });
  }
  let ours = runPreprocessor(dir, 'fuzz.h');
  for (let attempt = 0; !ours.ok && attempt < batch.cases.length; attempt++) {
    const blamed = ours.lines.map((line) => batch.caseAt(line)).filter((c): c is C => c !== undefined);
    if (blamed.length === 0) isolate(batch, dir, verdicts);
    for (const c of blamed) if (verdicts.get(c.id)?.kind !== 'invalid') verdicts.set(c.id, { kind: 'gen-inc error', details: ours.messages });
    writeFileSync(join(dir, 'fuzz.h'), batch.text((c) => !verdicts.has(c.id) || verdicts.get(c.id)!.kind === 'skipped'));
    ours = runPreprocessor(dir, 'fuzz.h');
  }
  return { ours: ours.ok ? tokensByCase(ours.pp.text, marker) : new Map(), gcc: tokensByCase(gcc.stdout, marker), verdicts };
}

/** A failure no line explains (a crash): each case alone. */
function isolate<C extends { id: number }>(batch: BatchText<C>, dir: string, verdicts: Map<number, Verdict>): void {
  batch.cases.forEach((c, i) => {
    writeFileSync(join(dir, 'one.h'), batch.texts[i]!);
    const alone = runPreprocessor(dir, 'one.h');
    if (!alone.ok) verdicts.set(c.id, { kind: 'gen-inc error', details: alone.messages });
  });
}
