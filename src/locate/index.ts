// locate: a version or an interpreter → the Python include directories.
// INTERFACE ONLY — to be implemented.
import type { LocateOptions, PythonInstall } from '../types.js';
import { fail } from '../diagnostics.js';

/** Find the headers of one Python. Throws GenIncError (GI1xxx) listing what was tried. */
export function locate(options: LocateOptions): PythonInstall {
  fail('GI1001', [options.python, 'nothing yet', 'none']);
}

/** Every Python with headers this machine has (pyenv versions, /usr/include, PATH), newest last. */
export function findInstalledPythons(env: Record<string, string | undefined> = process.env): PythonInstall[] {
  void env;
  return [];
}
