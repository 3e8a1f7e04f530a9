// Differential fuzzing of the preprocessor and the constant evaluator against gcc:
// - #if: random expressions (every literal spelling, integer promotions, unsigned wrap, shifts,
//   ?:, defined, nested function-like macros, ## pasting literals) decide #if/#elif groups, and
//   their signedness and 64 bits are read back through #if; gcc -E must let the same tokens through;
// - typed constants: `#define K <expression>` with C's types (suffixes, casts, sizeof, _Alignof,
//   enum constants) must become the constant gcc computes, with its size and signedness;
// - expansion: random macros (#, ##, variadic, __VA_OPT__, recursion, rescanning) and invocations
//   must expand to gcc -E's tokens, and what gcc rejects gen-inc must reject.
// Undefined behaviour is never generated where it is evaluated (see fuzz/expr-tree.ts for what is
// left out and why). FUZZ_COUNT and FUZZ_SEED change the count and seed (`npm run fuzz`).

import { describe, expect, it } from 'vitest';
import { failureReport, runFuzz, summary, type FuzzSuite } from './fuzz/run.js';
import { fuzzSettings, recordSummary, timeBudget } from './fuzz/settings.js';
import { expandSuite, ifSuite, typedSuite } from './fuzz/suites.js';

const { seed, count } = fuzzSettings(2_000, 1);

async function check<C extends { id: number }>(suite: FuzzSuite<C>) {
  const result = await runFuzz(suite, seed, count);
  recordSummary(summary(result));
  expect(failureReport(result)).toBe('');
  return result;
}

describe('preprocessor fuzzing against gcc', () => {
  it(
    `#if: ${count} expressions from seed ${seed}`,
    async () => {
      const result = await check(ifSuite);
      // the generator's model of C agrees with gcc, so it can be trusted to keep undefined behaviour out
      expect(result.notes.modelDisagrees).toBe(0);
      expect(result.agreed).toBe(count);
    },
    timeBudget(count, 3),
  );

  it(
    `typed constants: ${count} macros from seed ${seed}`,
    async () => {
      const result = await check(typedSuite);
      expect(result.agreed + result.skipped).toBe(count);
    },
    timeBudget(count, 1),
  );

  it(
    `macro expansion: ${count} cases from seed ${seed}`,
    async () => {
      const result = await check(expandSuite);
      expect(result.agreed).toBe(count);
    },
    timeBudget(count, 1),
  );
});
