// Several Pythons in one run: `--python 3.12 --python 3.13`, or `--python all` for every Python
// with headers on this machine. A failing version does not stop the others. They run one after
// the other in one thread: each later version finds the code already optimised, while worker
// threads would each start cold and their compilers would share the same two cores (measured:
// all nine versions took 2.1 s in one thread, 2.7-3.2 s in two workers).

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

