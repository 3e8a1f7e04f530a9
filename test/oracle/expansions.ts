// What gcc's own preprocessor makes of a name after the headers: used to check the macros that
// python.inc turns into `%define NAME TARGET`.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { includeLines, includeOptions, run, withTempDir, type OracleInstall } from './gcc.js';

/** name → the tokens gcc expands it to, whitespace-normalised. */
export async function gccExpansions(install: OracleInstall, defines: string[], headers: string[], names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  return withTempDir(async (dir) => {
    const marker = 'gen_inc_expansion_marker';
    const body = names.map((n) => `${marker} ${n}`).join('\n');
    await writeFile(join(dir, 'probe.c'), `${includeLines(headers)}\n${body}\n`);
    const { stdout } = await run('gcc', ['-E', '-P', ...includeOptions(install, defines), 'probe.c'], dir);
    const lines = stdout.split('\n').filter((l) => l.startsWith(marker));
    return new Map(names.map((n, i) => [n, (lines[i] ?? '').slice(marker.length).replace(/\s+/g, ' ').trim()]));
  });
}
