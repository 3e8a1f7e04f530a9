// Writing the generated files: all to temporary names first, then renamed into place, so that a
// failed run leaves neither a partial file nor a changed one.

import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from './types.js';
import { fail } from './diagnostics.js';

export function writeOutputs(outDir: string, files: readonly GeneratedFile[]): string[] {
  const existing = statOrUndefined(outDir);
  if (existing && !existing.isDirectory()) fail('GI6002', [outDir]);
  // A directory where a file goes would make its rename fail after others were done: refuse first.
  for (const file of files) {
    const final = join(outDir, file.path);
    if (statOrUndefined(final)?.isDirectory()) fail('GI6001', [final, 'a directory is in the way']);
  }
  const temps: { temp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = join(outDir, file.path);
      const temp = join(dirname(final), `.${file.path.split('/').pop()}.${process.pid}.tmp`);
      mkdirSync(dirname(final), { recursive: true });
      writeFileSync(temp, file.contents);
      temps.push({ temp, final });
    }
  } catch (error) {
    for (const { temp } of temps) rmSync(temp, { force: true });
    fail('GI6001', [outDir, (error as Error).message]);
  }
  let renamed = 0;
  try {
    for (const { temp, final } of temps) {
      renameSync(temp, final);
      renamed++;
    }
  } catch (error) {
    for (const { temp } of temps.slice(renamed)) rmSync(temp, { force: true });
    fail('GI6001', [temps[renamed]!.final, (error as Error).message]);
  }
  return temps.map((t) => t.final);
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
