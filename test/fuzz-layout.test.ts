// Differential fuzzing of the layout engine against gcc: random declarations (nested and
// anonymous records, bit-fields of every width, zero-width and unnamed ones, every scalar type,
// arrays, packed and aligned records and members, enums, aligned typedefs) through gen-inc's
// preprocess → parse → resolve and through a compiled probe; every size, alignment, offset, bit
// position and enum value must agree. A failure prints the smallest reproducing declaration.
// FUZZ_COUNT and FUZZ_SEED change the count and seed (`npm run fuzz`).

import { describe, expect, it } from 'vitest';
import { failureReport, runFuzz, summary } from './fuzz/run.js';
import { fuzzSettings, recordSummary, timeBudget } from './fuzz/settings.js';
import { layoutSuite } from './fuzz/suites.js';

const { seed, count } = fuzzSettings(2_400, 1);

describe('layout fuzzing against gcc', () => {
  it(
    `${count} random declarations from seed ${seed}`,
    async () => {
      const result = await runFuzz(layoutSuite, seed, count);
      recordSummary(summary(result));
      expect(failureReport(result)).toBe('');
      expect(result.agreed).toBe(count);
    },
    timeBudget(count, 4),
  );
});
