// What a fuzz comparison says about one case.
//   agree          gen-inc and gcc computed the same
//   mismatch       they differ: a bug, shown with the differing numbers or tokens
//   gen-inc error  gen-inc rejects (or crashes on) what gcc accepts
//   invalid        gcc rejects the case: the generator's fault, or a shrinking step too far
//   skipped        gcc warns of undefined behaviour the generator's model missed: no right answer

export type Verdict =
  | { kind: 'agree' }
  | { kind: 'mismatch' | 'gen-inc error' | 'invalid' | 'skipped'; details: string[] };

export function tally(verdicts: Iterable<Verdict>): Record<Verdict['kind'], number> {
  const counts = { agree: 0, mismatch: 0, 'gen-inc error': 0, invalid: 0, skipped: 0 };
  for (const v of verdicts) counts[v.kind]++;
  return counts;
}
