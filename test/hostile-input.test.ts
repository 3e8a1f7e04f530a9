// Hostile headers through the real command line: each gives one error diagnostic (with the
// file:line at fault), exit status 1, within a few seconds, and leaves the previous output in
// --out as it was (same files, same contents, same modification times). Inputs that are extreme
// but valid C (self-referential macros, a 10,000-deep #if nest, a 1 MB macro) must instead
// succeed, quickly, with what gcc makes of them.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cTokens } from './preprocess-gcc.js';
import {
  canDropPrivileges, copyCase, errorLines, genInc, headerArgs, runningAsRoot, scratch, snapshot, unprivileged,
  type Run, type Snapshot,
} from './fixtures/hostile/harness.js';

/** "Within a few seconds": generous for a loaded machine, far below any hang. */
const seconds = 8;

let work: ReturnType<typeof scratch>;
let good: string;
let outputs = 0;

beforeAll(() => {
  work = scratch();
  good = copyCase('good', work.dir);
});
afterAll(() => work.cleanup());

/** A case directory written by the test: Python.h plus any other files. */
function generatedCase(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(work.dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const [file, contents] of Object.entries(files)) writeFileSync(join(dir, file), contents);
  return dir;
}

/** An output directory holding what a good run wrote, and its snapshot. */
function previousOutput(as?: typeof unprivileged): { out: string; before: Snapshot } {
  const out = join(work.dir, `out-${outputs++}`);
  const run = genInc([...headerArgs(good), '--out', out, '-q'], { cwd: work.dir, ...(as ? { as } : {}) });
  expect(run.status, run.stderr).toBe(0);
  return { out, before: snapshot(out) };
}

/** Runs gen-inc on `caseDir` over a previous output; it must fail with exactly one error matching `error`. */
function expectRejected(caseDir: string, error: RegExp, as?: typeof unprivileged): Run {
  const { out, before } = previousOutput(as);
  const run = genInc([...headerArgs(caseDir), '--out', out, '-q'], { cwd: work.dir, ...(as ? { as } : {}) });
  expect(run.status, run.stderr).toBe(1);
  expect(errorLines(run.stderr)).toEqual([expect.stringMatching(error)]);
  expect(run.seconds).toBeLessThan(seconds);
  expect(snapshot(out)).toEqual(before);
  return run;
}

/** Runs gen-inc on `caseDir`; it must succeed quickly. Returns python.inc. */
function expectAccepted(caseDir: string): string {
  const out = join(work.dir, `out-${outputs++}`);
  const run = genInc([...headerArgs(caseDir), '--out', out, '-q'], { cwd: work.dir });
  expect(run.status, run.stderr).toBe(0);
  expect(run.seconds).toBeLessThan(seconds);
  return readFileSync(join(out, 'python.inc'), 'utf8');
}

describe('hostile headers are rejected with one clear error', () => {
  it('an include cycle', () => {
    expectRejected(copyCase('cycle', work.dir), /\/cycle\/[ab]\.h:1:1: error: include nesting deeper than 200 \[GI2011\]$/);
  });

  it('a macro expansion that doubles forty times', () => {
    const macros = ['#define X0 1', ...Array.from({ length: 40 }, (_, i) => `#define X${i + 1} X${i} + X${i}`)];
    const dir = generatedCase('expansion-bomb', { 'Python.h': `${macros.join('\n')}\nint array[X40];\n` });
    expectRejected(dir, /Python\.h:42:\d+: error: limit exceeded: more than 5000000 tokens from macro expansions \[GI2019\]$/);
  });

  it('an unterminated comment', () => {
    expectRejected(copyCase('unterminated-comment', work.dir), /\/unterminated-comment\/Python\.h:2:1: error: unterminated comment \[GI2009\]$/);
  });

  it('an unterminated string', () => {
    expectRejected(copyCase('unterminated-string', work.dir), /\/unterminated-string\/Python\.h:2:\d+: error: unterminated string or character literal \[GI2010\]$/);
  });

  it('an unterminated #if', () => {
    expectRejected(copyCase('unterminated-if', work.dir), /\/unterminated-if\/Python\.h:2:1: error: unterminated #if \[GI2003\]$/);
  });

  it('a 10,000-deep #if nest missing one #endif', () => {
    const dir = generatedCase('deep-if-unterminated', { 'Python.h': `${'#if 1\n'.repeat(10_000)}int deep;\n${'#endif\n'.repeat(9_999)}` });
    expectRejected(dir, /Python\.h:1:1: error: unterminated #if \[GI2003\]$/);
  });

  it('#pragma pack, which would change layouts gen-inc does not follow', () => {
    const dir = generatedCase('pragma-pack', { 'Python.h': 'int before;\n#pragma pack(push, 1)\nstruct K { char c; int x; };\n' });
    expectRejected(dir, /Python\.h:2:1: error: #pragma pack\(push, 1\): changing struct packing is not supported \[GI2023\]$/);
  });

  it('records nested deeper than the stack allows', () => {
    const depth = 3000;
    const dir = generatedCase('deep-records', { 'Python.h': `struct Deep { ${'struct { '.repeat(depth)}int x; ${'}; '.repeat(depth)}};\n` });
    expectRejected(dir, /error: the headers nest declarations or expressions deeper than the \w+ stage can follow \[GI9003\]$/);
  });

  it('a missing include', () => {
    expectRejected(copyCase('missing-include', work.dir), /\/missing-include\/Python\.h:2:1: error: cannot find include file 'nothere\.h' \[GI2001\]$/);
  });

  it('a binary file named object.h', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const dir = generatedCase('binary', { 'Python.h': 'int before;\n#include "object.h"\n', 'object.h': bytes });
    expectRejected(dir, /\/binary\/Python\.h:2:1: error: file .*\/binary\/object\.h is not text \[GI2018\]$/);
  });

  it('a binary file without NUL bytes named object.h', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 7919) % 255)));
    const dir = generatedCase('binary-no-nul', { 'Python.h': '#include "object.h"\n', 'object.h': bytes });
    expectRejected(dir, /\/binary-no-nul\/object\.h:\d+:\d+: error: /);
  });

  it('a header larger than the file size limit', () => {
    const dir = generatedCase('huge-file', { 'Python.h': 'int before;\n#include "huge.h"\n', 'huge.h': `/*${' '.repeat(17 * 1024 * 1024)}*/\n` });
    expectRejected(dir, /\/huge-file\/Python\.h:2:1: error: limit exceeded: .*huge\.h is larger than 16777216 bytes \[GI2019\]$/);
  });

  const privileges = !runningAsRoot ? 'chmod 000' : canDropPrivileges() ? 'chmod 000, run as nobody' : undefined;
  it.skipIf(privileges === undefined)(
    `an unreadable header (${privileges ?? 'skipped: running as root, where chmod 000 does not stop a read, and unable to run as nobody'})`,
    () => {
      const dir = generatedCase('unreadable', { 'Python.h': 'int before;\n#include "object.h"\n', 'object.h': 'int x;\n' });
      chmodSync(join(dir, 'object.h'), 0o000);
      expectRejected(dir, /\/unreadable\/Python\.h:2:1: error: cannot read include file .*\/unreadable\/object\.h: permission denied \[GI2024\]$/, runningAsRoot ? unprivileged : undefined);
    },
  );

  it('a header that is a symbolic link loop (unreadable even for root)', () => {
    const dir = generatedCase('link-loop', { 'Python.h': 'int before;\n#include "object.h"\n' });
    symlinkSync('object.h', join(dir, 'object.h'));
    expectRejected(dir, /\/link-loop\/Python\.h:2:1: error: cannot read include file .*\/link-loop\/object\.h: too many symbolic links encountered \[GI2024\]$/);
  });
});

describe('extreme but valid headers succeed as gcc reads them', () => {
  it('self-referential macros expand once', () => {
    const dir = copyCase('self-reference', work.dir);
    const gcc = execFileSync('gcc', ['-E', '-P', join(dir, 'Python.h')], { encoding: 'utf8' });
    expect(cTokens(gcc).join(' ')).toBe('int foo ; int A ;');
    const inc = expectAccepted(dir);
    expect(inc).toMatch(/^extern foo\b/m);
    expect(inc).toMatch(/^extern A\b/m);
  });

  it('an unused macro that doubles forty times costs the later macros nothing, and is said', () => {
    const macros = ['#define X0 1', ...Array.from({ length: 40 }, (_, i) => `#define X${i + 1} X${i} + X${i}`), '#define LATER (1 + 2)', '#define NAMED LATER'];
    const dir = generatedCase('unused-bomb', { 'Python.h': `${macros.join('\n')}\n` });
    const out = join(work.dir, `out-${outputs++}`);
    const run = genInc([...headerArgs(dir), '--out', out], { cwd: work.dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: macro X40 is left out: limit exceeded/);
    expect(readFileSync(join(out, 'python.inc'), 'utf8')).toMatch(/^%define NAMED 3 /m);
  });

  it('a directory named like a header is passed over, as gcc passes it over', () => {
    const dir = generatedCase('directory-header', { 'Python.h': '#include "sub/first.h"\n', 'object.h': 'int after;\n' });
    mkdirSync(join(dir, 'sub', 'object.h'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'first.h'), '#include "object.h"\n');
    const gcc = execFileSync('gcc', ['-E', '-P', `-I${dir}`, join(dir, 'Python.h')], { encoding: 'utf8' });
    expect(cTokens(gcc).join(' ')).toBe('int after ;');
    expect(expectAccepted(dir)).toMatch(/^extern after\b/m);
  });

  it('a 10,000-deep #if nest', () => {
    const dir = generatedCase('deep-if', { 'Python.h': `${'#if 1\n'.repeat(10_000)}int deep;\n${'#endif\n'.repeat(10_000)}` });
    expect(expectAccepted(dir)).toMatch(/^extern deep\b/m);
  });

  it('a 10,000-deep #if nest inside a skipped group', () => {
    const dir = generatedCase('deep-if-skipped', { 'Python.h': `#if 0\n${'#if 1\n'.repeat(10_000)}int deep;\n${'#endif\n'.repeat(10_000)}#endif\nint shallow;\n` });
    const inc = expectAccepted(dir);
    expect(inc).toMatch(/^extern shallow\b/m);
    expect(inc).not.toMatch(/^extern deep\b/m);
  });

  it('a 1 MB macro', () => {
    const terms = 250_000;
    const dir = generatedCase('big-macro', { 'Python.h': `#define BIG ${Array(terms).fill('1').join(' + ')}\nenum { BIG_VALUE = BIG };\n` });
    const value = /^%define BIG_VALUE\s+(\S+)/m.exec(expectAccepted(dir))?.[1];
    expect(Number(value)).toBe(terms);
  });

  it('a 1 MB macro of nested parentheses', () => {
    const depth = 500_000;
    expectAccepted(generatedCase('paren-macro', { 'Python.h': `#define DEEP ${'('.repeat(depth)}1${')'.repeat(depth)}\nint after;\n` }));
  });
});
