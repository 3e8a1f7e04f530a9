// Several Pythons in one run: `--python 3.12 --python 3.13`, or `--python all` for every Python
// with headers on this machine. A failing version does not stop the others.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, GeneratedFile, MacroOption } from './types.js';
import { GenIncError } from './diagnostics.js';
import { generate, type GenerateResult } from './generate.js';
import { findInstalledPythons } from './locate/index.js';

export interface BatchOptions {
  /** versions, interpreter paths, or 'all' */
  pythons: string[];
  includeDirs?: string[];
  defines?: MacroOption[];
  module?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export type VersionOutcome =
  | { python: string; ok: true; result: GenerateResult; milliseconds: number }
  | { python: string; ok: false; diagnostics: Diagnostic[]; milliseconds: number };

/** 'all' becomes every short version with headers here (each then found as `--python 3.X` would be). */
export function expandPythons(pythons: readonly string[], env?: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  for (const python of pythons) {
    const names = python === 'all' ? findInstalledPythons(env).map((p) => p.shortVersion) : [python];
    for (const name of names) if (!out.includes(name)) out.push(name);
  }
  return out;
}

export function generateEach(options: BatchOptions, onDone?: (outcome: VersionOutcome) => void): VersionOutcome[] {
  const outcomes: VersionOutcome[] = [];
  for (const python of expandPythons(options.pythons, options.env)) {
    const start = performance.now();
    let outcome: VersionOutcome;
    try {
      const result = generate({ ...options, python });
      outcome = { python, ok: true, result, milliseconds: performance.now() - start };
    } catch (error) {
      if (!(error instanceof GenIncError)) throw error;
      outcome = { python, ok: false, diagnostics: error.diagnostics, milliseconds: performance.now() - start };
    }
    outcomes.push(outcome);
    onDone?.(outcome);
  }
  return outcomes;
}

/** Where each version's files go: the directory itself for one version, DIR/<X.Y>/ for several. */
export function outputPlan(outcomes: readonly VersionOutcome[], out: string | undefined): { outcome: VersionOutcome; dir: string; files: GeneratedFile[] }[] {
  const several = outcomes.length > 1;
  return outcomes.flatMap((outcome) => {
    if (!outcome.ok) return [];
    const short = outcome.result.install.shortVersion;
    const dir = several ? `${out ?? '.'}/${short}` : (out ?? `python${short}`);
    return [{ outcome, dir, files: outcome.result.files }];
  });
}

const workerScript = new URL('./batch-worker.js', import.meta.url);

/**
 * The same as generateEach, with the versions shared between worker threads (one a core, at most
 * `maxWorkers`) when there are several; outcomes come back in the order of the request.
 */
export async function generateConcurrently(options: BatchOptions, maxWorkers = availableParallelism(), onDone?: (outcome: VersionOutcome) => void): Promise<VersionOutcome[]> {
  const pythons = expandPythons(options.pythons, options.env);
  const workers = Math.min(maxWorkers, pythons.length);
  // Compiled code runs workers; where there is none (tests run the sources), one thread does it all.
  if (workers < 2 || !existsSync(workerScript)) return generateEach({ ...options, pythons }, onDone);
  const shares = Array.from({ length: workers }, (_, w) => pythons.filter((_, i) => i % workers === w));
  const byPython = new Map<string, VersionOutcome>();
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(workerScript, { workerData: { ...options, pythons: share } });
          worker.on('message', (outcome: VersionOutcome) => {
            byPython.set(outcome.python, outcome);
            onDone?.(outcome);
          });
          worker.on('error', reject);
          worker.on('exit', () => resolve());
        }),
    ),
  );
  return pythons.map((python) => byPython.get(python)!);
}
