// How V8 compiles gen-inc's own code during one run of the command line.
//
// A run is short and its hot code is new each time: by default V8's optimizing compiler inlines
// generously and starts early, and on this project's 2-core machines those background compiles
// took about 1.4 s of CPU in a 2.9 s `--python all` run, competing with the two threads that do
// the work. Without inlining, and optimizing only code that stays hot four times longer than by
// default, the run uses about 1.9 s of CPU and its wall time falls from ~1.6 s to ~1.2 s (one
// version: ~0.5 → ~0.45 s). Output does not depend on this: only how fast the same code runs.

import { setFlagsFromString } from 'node:v8';

export const jitFlags: readonly string[] = ['--no-turbo-inlining', '--interrupt-budget=270336'];

/** The flags of jitFlags that node's own command line (`execArgv`) does not already set. */
export function jitFlagsToSet(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map(flagName));
  return jitFlags.filter((flag) => !given.has(flagName(flag)));
}

/** Sets them for the whole process (its worker threads included); called before the work starts. */
export function applyJitFlags(execArgv: readonly string[] = process.execArgv): void {
  for (const flag of jitFlagsToSet(execArgv)) setFlagsFromString(flag);
}

/** '--no-turbo_inlining' and '--turbo-inlining' name the same flag, as V8 reads them. */
function flagName(arg: string): string {
  return arg.replace(/^--?/, '').replace(/=.*$/s, '').replace(/^no-/, '').replaceAll('_', '-');
}
