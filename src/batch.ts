// Several Pythons in one run: `--python 3.12 --python 3.13`, or `--python all` for every Python
// with headers on this machine. A failing version does not stop the others.
//
// With several versions and a core to spare, a worker thread renders the files of one version from
// its model, and writes or checks them, while this thread builds the model of the next. Measured:
// giving each thread versions of its own is slower on two cores, since each thread then warms up
// all the code; split this way, each warms up only its own stages.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, MacroOption, PythonApiModel } from './types.js';
import type { EmitOptions } from './emit/index.js';
import { GenIncError } from './diagnostics.js';
import { deliver, type Delivered, type Delivery } from './deliver.js';
import { emitOptions, generate, generateModel, type ModelResult } from './generate.js';
import { findInstalledPythons } from './locate/index.js';

export interface BatchOptions {
  /** versions, interpreter paths, or 'all' */
  pythons: string[];
  includeDirs?: string[];
  defines?: MacroOption[];
  module?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** where the files go (see outputDir) */
  out?: string;
  /** compare the files with those in `out` instead of writing them */
  check?: boolean;
}

export type VersionOutcome =
  | { python: string; ok: true; result: ModelResult; delivered: Delivered; milliseconds: number }
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
  const pythons = expandPythons(options.pythons, options.env);
  const delivery = deliveryOf(options, pythons);
  return pythons.map((python) => {
    const start = performance.now();
    let outcome: VersionOutcome;
    try {
      const { files, ...result } = generate({ ...options, python });
      const delivered = deliver(files, result.install.shortVersion, delivery);
      outcome = { python, ok: true, result, delivered, milliseconds: performance.now() - start };
    } catch (error) {
      outcome = failedOutcome(python, start, error);
    }
    onDone?.(outcome);
    return outcome;
  });
}

function deliveryOf(options: BatchOptions, pythons: readonly string[]): Delivery {
  return { ...(options.out !== undefined ? { out: options.out } : {}), check: options.check ?? false, several: pythons.length > 1 };
}

/** An error of the headers or the options fails its version only; anything else is a bug, thrown on. */
function failedOutcome(python: string, start: number, error: unknown): VersionOutcome {
  if (!(error instanceof GenIncError)) throw error;
  return { python, ok: false, diagnostics: error.diagnostics, milliseconds: performance.now() - start };
}

/** Each request to the worker; its message carries what emit and deliver take. */
export interface EmitRequest {
  id: number;
  model: PythonApiModel;
  options: EmitOptions;
  delivery: Delivery;
}

/** The worker's answer to an EmitRequest. */
export interface EmitReply {
  id: number;
  delivered: Delivered;
}

const emitWorkerScript = new URL('./emit-worker.js', import.meta.url);

/**
 * The same as generateEach, with the files emitted and delivered in a worker thread when there
 * are several versions and a further core. Where no compiled worker is at hand (the sources run
 * under the test runner), generateEach does it all.
 */
export async function generateConcurrently(options: BatchOptions, onDone?: (outcome: VersionOutcome) => void): Promise<VersionOutcome[]> {
  const pythons = expandPythons(options.pythons, options.env);
  if (pythons.length < 2 || availableParallelism() < 2 || !existsSync(emitWorkerScript)) return generateEach({ ...options, pythons }, onDone);
  const delivery = deliveryOf(options, pythons);
  const worker = new Worker(emitWorkerScript);
  const waiting = new Map<number, (delivered: Delivered) => void>();
  let failure: Error | undefined;
  const stopped = new Promise<void>((resolve) => {
    worker.on('message', ({ id, delivered }: EmitReply) => {
      waiting.get(id)!(delivered);
      waiting.delete(id);
    });
    worker.on('error', (error) => (failure = error));
    worker.on('exit', () => resolve());
  });
  const outcomes: Promise<VersionOutcome>[] = [];
  try {
    for (const [id, python] of pythons.entries()) {
      const start = performance.now();
      let modelled: ModelResult;
      try {
        modelled = generateModel({ ...options, python });
      } catch (error) {
        const failed = failedOutcome(python, start, error);
        outcomes.push(Promise.resolve(failed));
        onDone?.(failed);
        continue;
      }
      outcomes.push(
        new Promise<VersionOutcome>((resolve) => {
          waiting.set(id, (delivered) => {
            const outcome: VersionOutcome = { python, ok: true, result: modelled, delivered, milliseconds: performance.now() - start };
            onDone?.(outcome);
            resolve(outcome);
          });
          worker.postMessage({ id, model: modelled.model, options: emitOptions(options), delivery } satisfies EmitRequest);
        }),
      );
      // lets finished versions in, for the progress lines
      await new Promise((resolve) => setImmediate(resolve));
    }
    const all = Promise.all(outcomes);
    await Promise.race([all, stopped]);
    if (failure) throw failure;
    if (waiting.size > 0) throw new Error('the emit worker stopped before it delivered every version');
    return await all;
  } finally {
    await worker.terminate();
  }
}
