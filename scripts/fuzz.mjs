#!/usr/bin/env node
// `npm run fuzz`: the fuzz suites of the test suite (test/fuzz-*.test.ts) with a random seed, or
// the one given, and as many cases per suite as asked. Prints the seed and each suite's counts;
// exits non-zero on any disagreement with gcc, after printing the smallest reproducing case.
//
//   node scripts/fuzz.mjs [--count N] [--seed S]

import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

function usage(message) {
  process.stderr.write(`fuzz: ${message}\nusage: node scripts/fuzz.mjs [--count N] [--seed S]\n`);
  process.exit(2);
}

let options;
try {
  options = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } } }).values;
} catch (error) {
  usage(error.message);
}
if (options.help) usage('differential fuzzing of gen-inc against gcc');
const count = options.count === undefined ? 10_000 : Number(options.count);
if (!Number.isInteger(count) || count < 1) usage(`--count ${options.count}: not a positive integer`);
const seed = options.seed === undefined ? randomInt(2 ** 32) : Number(options.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) usage(`--seed ${options.seed}: not an integer in [0, 2^32)`);

const reportDir = mkdtempSync(join(tmpdir(), 'gen-inc-fuzz-report-'));
const report = join(reportDir, 'report.jsonl');
process.stdout.write(`fuzz: seed ${seed}, ${count} cases per suite (reproduce with --seed ${seed} --count ${count})\n`);

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const started = Date.now();
const run = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz-layout.test.ts', 'test/fuzz-preprocess.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_COUNT: String(count),
    FUZZ_SEED: String(seed),
    FUZZ_REPORT: report,
  },
});

const summaries = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(`\nfuzz: seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
for (const s of summaries) {
  const extra = Object.entries(s)
    .filter(([key]) => !['suite', 'seed', 'cases', 'agreed', 'disagreements', 'invalid', 'skipped', 'seconds', 'failures'].includes(key))
    .map(([key, value]) => `, ${key} ${value}`)
    .join('');
  process.stdout.write(
    `  ${s.suite.padEnd(7)} ${String(s.cases).padStart(7)} cases: ${s.agreed} agree, ${s.disagreements} disagree, ${s.invalid} invalid, ${s.skipped} skipped${extra} (${s.seconds} s)\n`,
  );
  if (s.failures) process.stdout.write(`\n${s.failures}\n\n`);
}
if (summaries.length < 4) process.stdout.write(`fuzz: ${4 - summaries.length} of the 4 suites did not finish (see vitest's output above)\n`);
process.exit(run.status === 0 && summaries.length === 4 && summaries.every((s) => s.disagreements === 0 && s.invalid === 0) ? 0 : 1);
