// What preprocess returns besides the text (line origins, expansion spans, the macro table,
// expandText), and how it fails: every problem a GenIncError with its code and place, hostile input
// included.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GenIncError } from '../src/diagnostics.js';
import { expandText, preprocess } from '../src/preprocess/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import type { Diagnostic } from '../src/types.js';

/** Writes `files` into a new directory and preprocesses the first one. */
function preprocessFiles(files: Record<string, string | Buffer>) {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-pp-results-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const install = { version: '', shortVersion: '', hexversion: 0, includeDirs: [dir], foundBy: 'test' };
  const main = Object.keys(files)[0];
  return { dir, main: join(dir, main), run: () => preprocess({ install, target: x86_64LinuxGnu, entryHeaders: [main], defines: [] }) };
}

function run(files: Record<string, string | Buffer>) {
  const { main, run } = preprocessFiles(files);
  return { main, result: run() };
}

/** The first diagnostic of preprocessing `files`, which must fail; `prepare` adds what writeFileSync cannot make. */
function failure(files: Record<string, string | Buffer>, prepare?: (dir: string) => void): { dir: string; diagnostic: Diagnostic } {
  const { dir, run } = preprocessFiles(files);
  prepare?.(dir);
  try {
    run();
  } catch (error) {
    if (error instanceof GenIncError) return { dir, diagnostic: error.diagnostics[0] };
    throw error;
  }
  throw new Error('preprocess did not fail');
}

describe('results', () => {
  const { main, result } = run({
    'main.h': [
      '#define HEAD int ob_refcnt; void *ob_type;',
      '#define F(x) (x + 1)',
      '#define ONE F(0)',
      'struct s { HEAD int y; };',
      'int z = F(2) + ONE;',
      '#include "other.h"',
    ].join('\n'),
    'other.h': '#define A B + 1\n#define B 2\n#define V(fmt, ...) fmt\nlong other;\n',
  });
  const lines = result.text.split('\n');

  it('gives each output line its source line', () => {
    expect(lines).toEqual(['struct s { int ob_refcnt ; void * ob_type ; int y ; } ;', 'int z = ( 2 + 1 ) + ( 0 + 1 ) ;', 'long other ;', '']);
    expect(result.lineOrigins).toEqual([
      { file: main, line: 4 },
      { file: main, line: 5 },
      { file: main.replace('main.h', 'other.h'), line: 4 },
    ]);
    expect(result.files).toEqual([main, main.replace('main.h', 'other.h')]);
  });

  it('gives one span per outermost invocation', () => {
    const spans = result.expansions.map((s) => [s.macro, lines[s.line].slice(s.startColumn, s.endColumn), s.definedAt?.line]);
    expect(spans).toEqual([
      ['HEAD', 'int ob_refcnt ; void * ob_type ;', 1],
      ['F', '( 2 + 1 )', 2],
      ['ONE', '( 0 + 1 )', 3],
    ]);
  });

  it('returns the final macro table in definition order, object-like bodies expanded', () => {
    const names = result.macros.map((m) => m.name);
    expect(names.indexOf('__x86_64__')).toBeLessThan(names.indexOf('INT_MAX'));
    expect(names.slice(-6)).toEqual(['HEAD', 'F', 'ONE', 'A', 'B', 'V']);
    const byName = new Map(result.macros.map((m) => [m.name, m]));
    expect(byName.get('A')).toMatchObject({ functionLike: false, body: 'B + 1', source: 'header', expansion: ['2', '+', '1'], origin: { line: 1 } });
    expect(byName.get('ONE')?.expansion).toEqual(['(', '0', '+', '1', ')']);
    expect(byName.get('V')).toMatchObject({ functionLike: true, params: ['fmt', '__VA_ARGS__'], variadic: true, body: 'fmt' });
    expect(byName.get('V')?.expansion).toBeUndefined();
    expect(byName.get('__x86_64__')).toMatchObject({ source: 'predefined', expansion: ['1'] });
    expect(byName.get('INT_MAX')).toMatchObject({ source: 'system', expansion: ['2147483647'] });
    expect(byName.get('INT_MAX')?.origin).toBeUndefined();
  });

  it('expands text against the final table', () => {
    expect(expandText(result, 'F(A) ONE V(x, y)')).toEqual(['(', '2', '+', '1', '+', '1', ')', '(', '0', '+', '1', ')', 'x']);
  });

  it('reports #warning and redefinitions as warnings', () => {
    const { result: warned } = run({ 'w.h': '#warning look out\n#define X 1\n#define X 2\n#define X 2\n' });
    expect(warned.diagnostics.map((d) => [d.code, d.severity, d.origin?.line, d.message])).toEqual([
      ['GI2020', 'warning', 1, '#warning look out'],
      ['GI2015', 'warning', 3, 'macro X redefined differently'],
    ]);
  });
});

describe('errors', () => {
  const cases: [string, Record<string, string | Buffer>, string, number | undefined][] = [
    ['missing include', { 'm.h': 'int a;\n#include "nope.h"\n' }, 'GI2001', 2],
    ['#error', { 'm.h': '\n#error stop "here"\n' }, 'GI2002', 2],
    ['unterminated #if', { 'm.h': '#if 1\n#ifdef X\n#endif\n' }, 'GI2003', 1],
    ['#endif without #if', { 'm.h': '#endif\n' }, 'GI2004', 1],
    ['#else after #else', { 'm.h': '#if 0\n#else\n#else\n#endif\n' }, 'GI2022', 3],
    ['bad #if expression', { 'm.h': '#if 1 +\n#endif\n' }, 'GI2005', 1],
    ['wrong argument count', { 'm.h': '#define F(a, b) a\nF(1)\n' }, 'GI2006', 2],
    ['unterminated argument list', { 'm.h': '#define F(a) a\nF(1, \n' }, 'GI2007', 2],
    ['# without a parameter', { 'm.h': '#define F(a) #b\n' }, 'GI2008', 1],
    ['unterminated comment', { 'm.h': 'int a; /* no end\n' }, 'GI2009', 1],
    ['unterminated string in the text', { 'm.h': 'char *s = "abc;\n' }, 'GI2010', 1],
    ['invalid directive', { 'm.h': '#frobnicate\n' }, 'GI2012', 1],
    ['## at the end of a body', { 'm.h': '#define F(a) a ##\n' }, 'GI2013', 1],
    ['division by zero in #if', { 'm.h': '#if 1 / 0\n#endif\n' }, 'GI2014', 1],
    ['bad #include', { 'm.h': '#include nothing\n' }, 'GI2017', 1],
    ['binary file', { 'm.h': '#include "b.h"\n', 'b.h': Buffer.from([0x69, 0x6e, 0x74, 0x00, 0x0a]) }, 'GI2018', 1],
    ['invalid paste', { 'm.h': '#define P(a, b) a ## b\nP(+, /)\n' }, 'GI2021', 2],
    ['GNU comma paste onto a variadic parameter that is pasted on too', { 'm.h': '#define J(a, ...) a , ## __VA_ARGS__ ## a\nJ(1, 2)\n' }, 'GI2021', 2],
    ['wrong invocation in the argument __VA_OPT__ looks at', { 'm.h': '#define F() x\n#define O(a, ...) __VA_OPT__(y)\nO(1, F(2))\n' }, 'GI2006', 3],
    ['wrong invocation in an argument __VA_OPT__ drops', { 'm.h': '#define F() x\n#define O(a, ...) __VA_OPT__(a)\nO(F(2))\n' }, 'GI2006', 3],
    ['include nesting', { 'm.h': '#include "m.h"\n' }, 'GI2011', 1],
    ['include through a path that is not a directory', { 'm.h': '#include "m.h/x.h"\n' }, 'GI2001', 1],
    ['argument nesting', { 'm.h': `#define f(x) x\n${'f('.repeat(5000)}1${')'.repeat(5000)}\n` }, 'GI2019', 2],
    ['exponential expansion', { 'm.h': [...Array(40).keys()].map((i) => `#define x${i + 1} x${i} x${i}`).join('\n') + '\nx40\n' }, 'GI2019', 41],
    ['#if parentheses', { 'm.h': `#if ${'('.repeat(10000)}1${')'.repeat(10000)}\n#endif\n` }, 'GI2019', 1],
  ];

  it.each(cases)('%s', (_, files, code, line) => {
    const { dir, diagnostic } = failure(files);
    expect(diagnostic.code).toBe(code);
    expect(diagnostic.origin?.line).toBe(line);
    expect(diagnostic.origin?.file.startsWith(dir)).toBe(true);
  });

  it('refuses a file larger than 16 MB', () => {
    const { diagnostic } = failure({ 'm.h': '#include "big.h"\n', 'big.h': Buffer.alloc(17 * 1024 * 1024, 0x20) });
    expect([diagnostic.code, diagnostic.message]).toEqual(['GI2019', expect.stringContaining('big.h is larger than')]);
  });

  it.each([
    ['#include', 'int a;\n#include "loop.h"\n', 2],
    ['__has_include', '#if __has_include("loop.h")\n#endif\n', 1],
  ])('names a header it cannot read and why (%s of a symbolic link loop, as gcc does)', (_, text, line) => {
    const { dir, diagnostic } = failure({ 'm.h': text }, (at) => symlinkSync('loop.h', join(at, 'loop.h')));
    expect([diagnostic.code, diagnostic.message, diagnostic.origin?.line]).toEqual(['GI2024', `cannot read include file ${join(dir, 'loop.h')}: too many symbolic links encountered`, line]);
  });

  it('says which macros an error came through', () => {
    const { diagnostic } = failure({ 'm.h': '#define INNER(a, b) a\n#define OUTER INNER(1)\nint x = OUTER;\n' });
    expect(diagnostic.code).toBe('GI2006');
    expect(diagnostic.origin?.line).toBe(3);
    expect(diagnostic.notes?.map((n) => [n.message, n.origin?.line])).toEqual([['expanded from macro OUTER', 2]]);
  });
});
