// The preprocessor on the real Python headers, checked against gcc: the final macro table
// (names and bodies of the macros the Python headers define) and the expanded token stream.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preprocess } from '../src/preprocess/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import type { MacroOption, Preprocessed, PythonInstall } from '../src/types.js';
import { cTokens, discoverPythons, gccExpandedLines, gccMacroTable, type PythonHeaders } from './preprocess-gcc.js';

const pythons = discoverPythons();
console.log(`preprocess tests: Pythons found: ${pythons.map((p) => `${p.name} (${p.includeDirs.join(', ')})`).join('; ') || 'none'}`);

const work = mkdtempSync(join(tmpdir(), 'gen-inc-pp-'));
const translationUnit = join(work, 'tu.c');
writeFileSync(translationUnit, '#include <Python.h>\n#include <structmember.h>\n');

interface Config {
  python: PythonHeaders;
  defines: string[];
}

const configs: Config[] = pythons.flatMap((python) => [
  { python, defines: [] },
  { python, defines: ['Py_TRACE_REFS'] },
  ...(python.name.startsWith('3.13') ? [{ python, defines: ['Py_GIL_DISABLED'] }] : []),
]);

function ours(config: Config): Preprocessed {
  const install: PythonInstall = { version: config.python.name, shortVersion: '', hexversion: 0, includeDirs: config.python.includeDirs, foundBy: 'test' };
  const defines: MacroOption[] = config.defines.map((name) => ({ kind: 'define', name, value: '1' }));
  return preprocess({ install, target: x86_64LinuxGnu, entryHeaders: ['Python.h', 'structmember.h'], defines });
}

function gccArgs(config: Config): string[] {
  return [...config.python.includeDirs.map((dir) => `-I${dir}`), ...config.defines.map((name) => `-D${name}`)];
}

function inPython(config: Config): (file: string) => boolean {
  return (file) => config.python.includeDirs.some((dir) => file.startsWith(dir + sep));
}

/** 'file:line' → the output line that source line produced. */
function ourLines(result: Preprocessed, keep: (file: string) => boolean): Map<string, string> {
  const lines = new Map<string, string>();
  result.text.split('\n').forEach((line, i) => {
    const origin = result.lineOrigins[i];
    if (origin && keep(origin.file)) lines.set(`${origin.file}:${origin.line}`, line);
  });
  return lines;
}

/**
 * The two system macros whose glibc definitions differ from the target's and that Python's inline
 * functions expand: assert (glibc adds `, __extension__ ({ if (e) ; else __assert_fail (…); })`
 * after the target's `((void) sizeof ((e) ? 1 : 0)`) and UINT_MAX (glibc: `(0x7fffffff * 2U + 1U)`).
 * gcc's tokens are rewritten to the target's; nothing else may differ.
 */
function asTargetSystemMacros(tokens: string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens.slice(i, i + 7).join(' ') === '( 0x7fffffff * 2U + 1U )') {
      result.push('4294967295U');
      i += 6;
    } else if (tokens.slice(i, i + 5).join(' ') === ', __extension__ ( { if') {
      let depth = 0;
      let end = i + 3;
      for (; end < tokens.length; end++) {
        if (tokens[end] === '{') depth++;
        else if (tokens[end] === '}' && --depth === 0) break;
      }
      if (!tokens.slice(i, end).includes('__assert_fail')) result.push(tokens[i]);
      else i = end + 1;
    } else {
      result.push(tokens[i]);
    }
  }
  return result;
}

const normalized = (body: string) => cTokens(body).join(' ');
const label = (config: Config) => `${config.python.name}${config.defines.map((d) => ` -D${d}`).join('')}`;

describe('real Python headers', () => {
  it('finds at least one Python', () => {
    expect(pythons.length).toBeGreaterThan(0);
  });

  // The whole run has 0.25 s per Python; preprocessing takes about 40 ms of it once warm.
  it('preprocesses Python.h and structmember.h well within the time budget', () => {
    const config = configs[configs.length - 1];
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      ours(config);
      times.push(performance.now() - start);
    }
    expect(times.sort((a, b) => a - b)[3]).toBeLessThan(150);
  });

  describe.each(configs.map((config) => [label(config), config] as const))('%s', (_, config) => {
    const fromPython = inPython(config);
    const gccTable = gccMacroTable(translationUnit, gccArgs(config), fromPython);
    const result = ours(config);

    // A macro that a system header also defines (glibc's _POSIX_C_SOURCE, S_ISREG, LONG_BIT) ends
    // up with glibc's definition under gcc; the target supplies system macros instead, so those
    // names are compared only through the target's data, not here.
    it('defines the same macros in the Python headers as gcc, with the same bodies', async () => {
      const { macros, definedElsewhere } = await gccTable;
      const want = new Map<string, string>();
      for (const [name, macro] of macros) if (fromPython(macro.file)) want.set(name, normalized(macro.body));
      const got = new Map<string, string>();
      for (const macro of result.macros) {
        if (macro.origin && fromPython(macro.origin.file) && !definedElsewhere.has(macro.name)) got.set(macro.name, macro.body);
      }
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      const differentBodies = [...want].filter(([name, body]) => got.get(name) !== body).map(([name, body]) => `${name}: gcc '${body}', ours '${got.get(name)}'`);
      expect(differentBodies).toEqual([]);
    });

    it('expands the Python headers to the same tokens as gcc, line by line', async () => {
      const want = await gccExpandedLines(translationUnit, gccArgs(config), fromPython);
      const got = ourLines(result, fromPython);
      const differences: string[] = [];
      for (const key of new Set([...want.keys(), ...got.keys()])) {
        const gccLine = asTargetSystemMacros(want.get(key) ?? []).join(' ');
        const ourLine = got.get(key) ?? '';
        if (gccLine !== ourLine) differences.push(`${key}\n  gcc:  ${gccLine}\n  ours: ${ourLine}`);
      }
      expect(differences).toEqual([]);
    });
  });
});
