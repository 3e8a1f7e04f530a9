// What the command line prints besides its results: diagnostics, and the exit codes it uses.

import type { Diagnostic } from './types.js';
import { formatDiagnostic } from './diagnostics.js';

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

export function printDiagnostics(diagnostics: readonly Diagnostic[], quiet: boolean): void {
  for (const d of diagnostics) {
    if (quiet && d.severity !== 'error') continue;
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}
