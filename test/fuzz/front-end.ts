// gen-inc's side of a fuzz comparison: a header in a directory run through the real stages
// (preprocess → parse → resolve), with every error diagnostic or exception turned into data.

import type { Declarations, Diagnostic, Preprocessed, PythonInstall, Resolved } from '../../src/types.js';
import { preprocess } from '../../src/preprocess/index.js';
import { parse } from '../../src/parse/index.js';
import { resolve } from '../../src/resolve/index.js';
import { formatDiagnostic, GenIncError } from '../../src/diagnostics.js';
import { x86_64LinuxGnu } from '../../src/target/x86_64-linux-gnu.js';

export const target = x86_64LinuxGnu;

/** A PythonInstall whose only include directory is `dir`. */
export function fuzzInstall(dir: string): PythonInstall {
  return { version: '3.99.0', shortVersion: '3.99', hexversion: 0x036300f0, includeDirs: [dir], foundBy: 'fuzz' };
}

export type FrontEndResult =
  | { ok: true; decls: Declarations; resolved: Resolved }
  /** `lines`: the header lines the errors point at, when they point anywhere */
  | { ok: false; messages: string[]; lines: number[] };

export function runFrontEnd(dir: string, header: string): FrontEndResult {
  try {
    const pp = preprocess({ install: fuzzInstall(dir), target, entryHeaders: [header], defines: [] });
    const decls = parse(pp);
    const resolved = resolve(decls, target);
    const errors = [...pp.diagnostics, ...decls.diagnostics, ...resolved.diagnostics].filter((d) => d.severity === 'error');
    if (errors.length === 0) return { ok: true, decls, resolved };
    return failure(errors);
  } catch (error) {
    if (error instanceof GenIncError) return failure(error.diagnostics);
    return { ok: false, messages: [`crash: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], lines: [] };
  }
}

function failure(diagnostics: Diagnostic[]): { ok: false; messages: string[]; lines: number[] } {
  return {
    ok: false,
    messages: diagnostics.map((d) => clip(formatDiagnostic(d))),
    lines: diagnostics.flatMap((d) => (d.origin ? [d.origin.line] : [])),
  };
}

export function clip(text: string, length = 400): string {
  return text.length > length ? `${text.slice(0, length)} …` : text;
}

export type PreprocessResult = { ok: true; pp: Preprocessed } | { ok: false; messages: string[]; lines: number[] };

/** The preprocessor alone on `header` in `dir`. */
export function runPreprocessor(dir: string, header: string): PreprocessResult {
  try {
    const pp = preprocess({ install: fuzzInstall(dir), target, entryHeaders: [header], defines: [] });
    const errors = pp.diagnostics.filter((d) => d.severity === 'error');
    return errors.length === 0 ? { ok: true, pp } : failure(errors);
  } catch (error) {
    if (error instanceof GenIncError) return failure(error.diagnostics);
    return { ok: false, messages: [`crash: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`], lines: [] };
  }
}
