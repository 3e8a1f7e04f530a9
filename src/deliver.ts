// What becomes of one version's files: written into its directory, or (--check) compared with what
// is there. Done by whichever thread emitted them, so that the files never travel between threads.

import type { Diagnostic, GeneratedFile } from './types.js';
import { GenIncError } from './diagnostics.js';
import { checkOutputs, type StaleFile } from './check.js';
import { writeOutputs } from './output.js';
import { asDirectory } from './header-paths.js';

export interface Delivery {
  /** --out */
  out?: string;
  /** compare instead of writing */
  check: boolean;
  /** more than one Python in the run: each gets DIR/<X.Y>/ */
  several: boolean;
}

export type Delivered =
  | { dir: string; written: string[] }
  | { dir: string; stale: StaleFile[] }
  /** the files could not be written (GI6001, GI6002) */
  | { dir: string; failed: Diagnostic[] };

/** Where a version's files go: the directory itself for one version, DIR/<X.Y>/ for several. */
export function outputDir(shortVersion: string, delivery: Delivery): string {
  // `includes/` and `includes` both give `includes/3.13`
  return delivery.several ? `${asDirectory(delivery.out ?? '.')}${shortVersion}` : (delivery.out ?? `python${shortVersion}`);
}

export function deliver(files: readonly GeneratedFile[], shortVersion: string, delivery: Delivery): Delivered {
  const dir = outputDir(shortVersion, delivery);
  try {
    return delivery.check ? { dir, stale: checkOutputs(dir, files) } : { dir, written: writeOutputs(dir, files) };
  } catch (error) {
    if (!(error instanceof GenIncError)) throw error;
    return { dir, failed: error.diagnostics };
  }
}
