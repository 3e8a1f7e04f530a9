// Hostile places to write to and hostile interpreters, through the real command line: each gives
// one error diagnostic, exit status 1, within a few seconds, and changes nothing already in --out.

import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canDropPrivileges, copyCase, errorLines, genInc, headerArgs, runningAsRoot, scratch, snapshot, unprivileged } from './fixtures/hostile/harness.js';

const seconds = 8;

let work: ReturnType<typeof scratch>;
let good: string;

beforeAll(() => {
  work = scratch();
  good = copyCase('good', work.dir);
});
afterAll(() => work.cleanup());

function expectOneError(stderr: string, error: RegExp): void {
  expect(errorLines(stderr)).toEqual([expect.stringMatching(error)]);
}

describe('hostile output places', () => {
  it('--out pointing at a file', () => {
    const file = join(work.dir, 'a-file');
    writeFileSync(file, 'keep me\n');
    const before = statSync(file).mtimeMs;
    const run = genInc([...headerArgs(good), '--out', file, '-q'], { cwd: work.dir });
    expect(run.status, run.stderr).toBe(1);
    expectOneError(run.stderr, /^error: --out .*a-file is not a directory \[GI6002\]$/);
    expect(run.seconds).toBeLessThan(seconds);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('--out below a file', () => {
    const file = join(work.dir, 'another-file');
    writeFileSync(file, 'keep me\n');
    const run = genInc([...headerArgs(good), '--out', join(file, 'sub'), '-q'], { cwd: work.dir });
    expect(run.status, run.stderr).toBe(1);
    expectOneError(run.stderr, /^error: cannot write .*another-file\/sub: .*not a directory.* \[GI6001\]$/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('a directory where an output file goes', () => {
    const out = join(work.dir, 'in-the-way');
    expect(genInc([...headerArgs(good), '--out', out, '-q'], { cwd: work.dir }).status).toBe(0);
    rmSync(join(out, 'layout.md'));
    mkdirSync(join(out, 'layout.md'));
    const before = snapshot(out);
    const run = genInc([...headerArgs(good), '--out', out, '-q'], { cwd: work.dir });
    expect(run.status, run.stderr).toBe(1);
    expectOneError(run.stderr, /^error: cannot write .*in-the-way\/layout\.md: a directory is in the way \[GI6001\]$/);
    expect(snapshot(out)).toEqual(before);
  });

  const privileges = !runningAsRoot ? 'chmod 555' : canDropPrivileges() ? 'chmod 555, run as nobody' : undefined;
  it.skipIf(privileges === undefined)(
    `an unwritable output directory (${privileges ?? 'skipped: running as root, where chmod 555 does not stop a write, and unable to run as nobody'})`,
    () => {
      const out = join(work.dir, 'read-only');
      expect(genInc([...headerArgs(good), '--out', out, '-q'], { cwd: work.dir }).status).toBe(0);
      chmodSync(out, 0o555);
      const before = snapshot(out);
      const run = genInc([...headerArgs(good), '--out', out, '-q'], { cwd: work.dir, ...(runningAsRoot ? { as: unprivileged } : {}) });
      chmodSync(out, 0o755);
      expect(run.status, run.stderr).toBe(1);
      expectOneError(run.stderr, /^error: cannot write .*read-only: .*permission denied.* \[GI6001\]$/i);
      expect(run.seconds).toBeLessThan(seconds);
      expect(snapshot(out)).toEqual(before);
    },
  );
});

describe('interpreters that are not Python', () => {
  function expectNotPython(interpreter: string, error: RegExp): void {
    const out = join(work.dir, 'interpreter-out');
    rmSync(out, { recursive: true, force: true });
    expect(genInc([...headerArgs(good), '--out', out, '-q'], { cwd: work.dir }).status).toBe(0);
    const before = snapshot(out);
    const run = genInc(['--python', interpreter, '--out', out, '-q'], { cwd: work.dir });
    expect(run.status, run.stderr).toBe(1);
    expectOneError(run.stderr, error);
    expect(run.seconds).toBeLessThan(seconds);
    expect(snapshot(out)).toEqual(before);
  }

  it('a shell script that prints something else', () => {
    const script = join(work.dir, 'fake-python');
    writeFileSync(script, '#!/bin/sh\necho "Python? never heard of it"\n');
    chmodSync(script, 0o755);
    expectNotPython(script, /^error: .*fake-python is not a Python interpreter: it printed no sysconfig \(exit status 0\): Python\? never heard of it \[GI1002\]$/);
  });

  it('a program that fails', () => {
    expectNotPython('/bin/false', /^error: \/bin\/false is not a Python interpreter: it printed no sysconfig \(exit status 1\) \[GI1002\]$/);
  });

  it('a file that is not executable', () => {
    const text = join(work.dir, 'python-notes.txt');
    writeFileSync(text, 'print("hello")\n');
    expectNotPython(text, /^error: .*python-notes\.txt is not a Python interpreter: no such executable file \[GI1002\]$/);
  });

  it('a directory', () => {
    expectNotPython(work.dir, /is not a Python interpreter: no such executable file \[GI1002\]$/);
  });
});
