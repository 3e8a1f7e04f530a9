// Preprocessed inputs for the parse and resolve tests: a fixture file as it stands (fixtures have
// no directives), or gcc -E output of real headers with the system headers' lines left out.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ExpansionSpan, Origin, Preprocessed } from '../src/types.js';

export const fixtureDir = new URL('./fixtures/layout/', import.meta.url).pathname;

/** A text with no directives, each line its own origin in `file`. */
export function preprocessedText(text: string, file: string, expansions: ExpansionSpan[] = []): Preprocessed {
  const lineOrigins: Origin[] = text.split('\n').map((_, index) => ({ file, line: index + 1 }));
  return { text, lineOrigins, expansions, macros: [], files: [file], diagnostics: [] };
}

export function fixture(name: string): { path: string; pp: Preprocessed } {
  const path = fixtureDir + name;
  return { path, pp: preprocessedText(readFileSync(path, 'utf8'), basename(path)) };
}

/**
 * `gcc -E` of `source`; only lines from files under `keepDirs` are kept, with the origins the
 * line markers give. The system headers' declarations are the target's systemTypes instead.
 */
export function preprocessedByGcc(source: string, includeDirs: string[], keepDirs: string[]): Preprocessed {
  const output = execFileSync('gcc', ['-E', '-std=gnu11', ...includeDirs.map((d) => `-I${d}`), '-x', 'c', '-'], {
    input: source,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const lines: string[] = [];
  const lineOrigins: Origin[] = [];
  const files: string[] = [];
  let file = '';
  let line = 0;
  let keep = false;
  for (const text of output.split('\n')) {
    const marker = /^# (\d+) "([^"]*)"/.exec(text);
    if (marker) {
      line = Number(marker[1]);
      file = marker[2]!;
      keep = keepDirs.some((dir) => file.startsWith(`${dir}/`));
      if (keep && !files.includes(file)) files.push(file);
      continue;
    }
    if (keep) {
      lines.push(text);
      lineOrigins.push({ file, line });
    }
    line++;
  }
  return { text: lines.join('\n'), lineOrigins, expansions: [], macros: [], files, diagnostics: [] };
}
