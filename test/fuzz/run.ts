// Running a fuzz suite: `count` cases drawn from `seed` (case i from its own generator, so any case
// is reproduced from the two numbers), judged in batches with as many batches in flight as there
// are cores (gen-inc's work on one overlaps gcc's on another), and the first failures shrunk to
// their smallest reproducers.

import { availableParallelism } from 'node:os';
import { Random } from './random.js';
import { caseSeed, inParallel, withTempDir } from './settings.js';
import { shrink, type Shrinker } from './shrink.js';
import type { Verdict } from './verdict.js';

export interface Judgement {
  verdicts: Map<number, Verdict>;
  /** counts worth reporting, summed over batches (e.g. how often the generator's model and gcc differ) */
  notes?: Record<string, number>;
}

export interface FuzzSuite<C extends { id: number }> {
  name: string;
  batchSize: number;
  generate(random: Random, id: number): C;
  judge(cases: C[], dir: string): Promise<Judgement>;
  shrinker(judge: (cases: C[]) => Promise<Map<number, Verdict>>): Shrinker<C>;
  /** the case as the C text that reproduces it */
  text(c: C): string;
}

export interface Failure {
  id: number;
  verdict: Exclude<Verdict, { kind: 'agree' }>;
  text: string;
  smallest?: { text: string; verdict: Verdict; rounds: number };
}

export interface FuzzResult {
  suite: string;
  seed: number;
  count: number;
  agreed: number;
  /** gcc rejects the case (the generator's fault) */
  invalid: Failure[];
  /** gcc warned of undefined behaviour the generator's model missed */
  skipped: number;
  failures: Failure[];
  notes: Record<string, number>;
  milliseconds: number;
}

/** Shrinking numbers its candidates from here, far above any case of a run. */
const shrinkIds = 1_000_000_000;

export function caseOf<C extends { id: number }>(suite: FuzzSuite<C>, seed: number, id: number): C {
  return suite.generate(new Random(caseSeed(seed, id)), id);
}

export async function runFuzz<C extends { id: number }>(suite: FuzzSuite<C>, seed: number, count: number, shrinkCount = 3): Promise<FuzzResult> {
  const start = performance.now();
  const batches = Math.ceil(count / suite.batchSize);
  const judged = await inParallel(batches, availableParallelism(), async (b) => {
    const cases: C[] = [];
    for (let id = b * suite.batchSize; id < Math.min(count, (b + 1) * suite.batchSize); id++) cases.push(caseOf(suite, seed, id));
    const judgement = await withTempDir(`gen-inc-fuzz-${suite.name}-`, (dir) => suite.judge(cases, dir));
    return { cases, judgement };
  });
  const result: FuzzResult = { suite: suite.name, seed, count, agreed: 0, invalid: [], skipped: 0, failures: [], notes: {}, milliseconds: 0 };
  for (const { cases, judgement } of judged) {
    for (const [note, n] of Object.entries(judgement.notes ?? {})) result.notes[note] = (result.notes[note] ?? 0) + n;
    for (const c of cases) {
      const verdict = judgement.verdicts.get(c.id) ?? { kind: 'mismatch', details: ['no verdict'] };
      if (verdict.kind === 'agree') result.agreed++;
      else if (verdict.kind === 'skipped') result.skipped++;
      else (verdict.kind === 'invalid' ? result.invalid : result.failures).push({ id: c.id, verdict, text: suite.text(c) });
    }
  }
  let nextId = shrinkIds;
  const judge = async (cases: C[]) => (await withTempDir(`gen-inc-fuzz-${suite.name}-shrink-`, (dir) => suite.judge(cases, dir))).verdicts;
  for (const failure of result.failures.slice(0, shrinkCount)) {
    const shrunk = await shrink(caseOf(suite, seed, failure.id), failure.verdict, suite.shrinker(judge), nextId);
    nextId += 10_000_000;
    failure.smallest = { text: suite.text(shrunk.smallest), verdict: shrunk.verdict, rounds: shrunk.rounds };
  }
  result.milliseconds = Math.round(performance.now() - start);
  return result;
}

/** A failure as the test prints it: the smallest reproducer, then what differs. */
export function describeFailure(failure: Failure, seed: number): string {
  const shown = failure.smallest ?? { text: failure.text, verdict: failure.verdict };
  const details = shown.verdict.kind === 'agree' ? [] : shown.verdict.details;
  return [
    `case ${failure.id} of seed ${seed} (${failure.verdict.kind})${failure.smallest ? `, shrunk in ${failure.smallest.rounds} rounds to:` : ':'}`,
    shown.text.trimEnd(),
    ...details.slice(0, 8).map((d) => `  ${d}`),
  ].join('\n');
}

/**
 * What the tests assert to be empty: how many cases failed, the shrunk reproducers in full, and the
 * ids of the other failing cases (any is reproduced from the seed and its id).
 */
export function failureReport(result: FuzzResult): string {
  const failed = [...result.failures, ...result.invalid];
  if (failed.length === 0) return '';
  const shown = failed.filter((f) => f.smallest).slice(0, 3);
  const others = failed.filter((f) => !shown.includes(f)).map((f) => `${f.id} (${f.verdict.kind})`);
  return [
    `${result.suite}: ${result.failures.length} disagreements and ${result.invalid.length} cases gcc rejects among ${result.count} from seed ${result.seed}`,
    ...shown.map((f) => describeFailure(f, result.seed)),
    ...(shown.length === 0 ? failed.slice(0, 2).map((f) => describeFailure(f, result.seed)) : []),
    ...(others.length > 0 ? [`other failing cases: ${others.slice(0, 40).join(', ')}${others.length > 40 ? ', …' : ''}`] : []),
  ].join('\n\n');
}

/** The one-line summary `npm run fuzz` prints, and what FUZZ_REPORT records. */
export function summary(result: FuzzResult): Record<string, unknown> {
  return {
    suite: result.suite,
    seed: result.seed,
    cases: result.count,
    agreed: result.agreed,
    disagreements: result.failures.length,
    invalid: result.invalid.length,
    skipped: result.skipped,
    ...result.notes,
    seconds: result.milliseconds / 1000,
    failures: failureReport(result),
  };
}
