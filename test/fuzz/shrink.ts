// Shrinking a failing case: all its one-step reductions, lightest first, are judged in one batch;
// the lightest that still fails the same way replaces it; that repeats until none does.

import type { Verdict } from './verdict.js';

export interface Shrinker<C extends { id: number }> {
  /** every one-step reduction of `c` (ids are assigned by the shrinker) */
  reductions(c: C): C[];
  /** how big a case is; a reduction must weigh less */
  weight(c: C): number;
  judge(cases: C[]): Promise<Map<number, Verdict>>;
}

/** The same kind of failure, and for an error the same diagnostic code. */
export function sameFailure(original: Verdict, verdict: Verdict | undefined): boolean {
  if (verdict === undefined || verdict.kind !== original.kind || verdict.kind === 'agree' || original.kind === 'agree') return false;
  if (verdict.kind !== 'gen-inc error') return verdict.kind === 'mismatch';
  const code = (v: { details: string[] }) => /\[(GI\d+)\]|^crash/.exec(v.details[0] ?? '')?.[0];
  return code(verdict) === code(original);
}

export async function shrink<C extends { id: number }>(
  failing: C,
  verdict: Verdict,
  shrinker: Shrinker<C>,
  firstId: number,
  maxRounds = 60,
): Promise<{ smallest: C; verdict: Verdict; rounds: number }> {
  let smallest = failing;
  let current = verdict;
  let nextId = firstId;
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    const weight = shrinker.weight(smallest);
    const candidates = shrinker
      .reductions(smallest)
      .filter((c) => shrinker.weight(c) < weight)
      .sort((a, b) => shrinker.weight(a) - shrinker.weight(b));
    if (candidates.length === 0) break;
    for (const c of candidates) c.id = nextId++;
    const verdicts = await shrinker.judge(candidates);
    const better = candidates.find((c) => sameFailure(verdict, verdicts.get(c.id)));
    if (!better) break;
    smallest = better;
    current = verdicts.get(better.id)!;
  }
  return { smallest, verdict: current, rounds };
}
