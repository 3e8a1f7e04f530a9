// How many cases a fuzz suite runs and from which seed: fixed defaults for the test suite,
// FUZZ_COUNT / FUZZ_SEED from the environment for `npm run fuzz`, which also names a file
// (FUZZ_REPORT) where each suite appends one JSON line with its counts.

import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FuzzSettings {
  seed: number;
  count: number;
}

export function fuzzSettings(defaultCount: number, defaultSeed: number): FuzzSettings {
  const count = process.env.FUZZ_COUNT ? Number(process.env.FUZZ_COUNT) : defaultCount;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : defaultSeed;
  if (!Number.isInteger(count) || count < 1) throw new Error(`FUZZ_COUNT=${process.env.FUZZ_COUNT}: not a positive integer`);
  return { seed, count };
}

/** A generator for case `index` of the run with `seed`: any case is reproduced from the two numbers alone. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
}

/** A test's time budget: generous for the count asked, never below vitest's default here. */
export function timeBudget(count: number, msPerCase: number): number {
  return Math.max(120_000, count * msPerCase * 3 + 60_000);
}

export function recordSummary(summary: Record<string, unknown>): void {
  const file = process.env.FUZZ_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(summary)}\n`);
}

/** Runs `work` with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `task(i)` for i in [0, total) with at most `parallel` at once; results in order. */
export async function inParallel<T>(total: number, parallel: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, total) }, worker));
  return results;
}
