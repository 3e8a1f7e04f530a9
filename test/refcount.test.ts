// python.inc's reference-counting macros (Py_INCREF, Py_DECREF, Py_XINCREF, Py_XDECREF,
// Py_RETURN_NONE), proved two ways for every Python installed here:
//  - on the real interpreter: a test module (fixtures/refcount/refmod.asm) runs each macro and
//    check_refmod.py watches sys.getrefcount of a fresh object and of None (immortal from 3.12 on),
//    and sees an object that Py_DECREF takes to zero die (__del__ and a weakref callback) — for the
//    default include and for the limited-API one, whose macros call libpython;
//  - against gcc, for the flavours no interpreter here has (trace-refs, debug, free-threaded) as
//    well: the headers' own macros compiled by gcc with the same defines and the NASM macros run
//    on fake objects from the same counts must leave the same bytes and the same deallocations
//    (fixtures/refcount/harness.c).
// Every macro must also keep every general-purpose register, rsp and the red zone, at either
// stack alignment, and call libpython with rsp aligned.

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { MacroOption, PythonInstall } from '../src/types.js';
import { generate } from '../src/generate.js';
import { flavourDefines } from '../src/flavour.js';
import { findPythons, printPythons } from './oracle/index.js';

const run = promisify(execFile);
const fixtures = new URL('./fixtures/refcount/', import.meta.url).pathname;
const selection = findPythons();
printPythons(selection);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const minor = (install: PythonInstall) => Number(install.shortVersion.split('.')[1]);
const label = (install: PythonInstall) => `${install.version} ${install.includeDirs[0]}`;

/** A directory holding the include generated for `install` with `defines`, and the fixtures. */
function prepare(install: PythonInstall, defines: MacroOption[]): { dir: string; include: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-refcount-'));
  dirs.push(dir);
  const result = generate({ python: install.shortVersion, includeDirs: install.includeDirs, defines });
  const include = result.files.find((f) => f.path === 'python.inc')!.contents;
  writeFileSync(join(dir, 'python.inc'), include);
  for (const file of ['probes.inc', 'refmod.asm', 'check_refmod.py', 'harness.c']) copyFileSync(join(fixtures, file), join(dir, file));
  return { dir, include };
}

const failures = (output: string) => output.split('\n').filter((line) => line.startsWith('FAIL'));

describe.each(selection.found.map((install) => ({ install, label: label(install) })))('on the interpreter: $label', ({ install }) => {
  const builds = [
    { name: 'default', defines: [] as MacroOption[] },
    { name: `limited API ${install.shortVersion}`, defines: flavourDefines({ limitedApi: install.shortVersion }) },
  ];
  it.each(builds)('the $name include counts right', async ({ defines }) => {
    const { dir } = prepare(install, defines);
    await run('nasm', ['-f', 'elf64', '-o', 'refmod.o', 'refmod.asm'], { cwd: dir });
    await run('ld', ['-shared', '-z', 'noexecstack', '-o', 'refmod.so', 'refmod.o'], { cwd: dir });
    const { stdout } = await run(install.interpreter!, ['check_refmod.py'], { cwd: dir, encoding: 'utf8' }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(failures(stdout)).toEqual([]);
    expect(stdout.split('\n').filter((l) => l.startsWith('ok')).length).toBe(14);
  });
});

interface Flavour {
  name: string;
  defines: MacroOption[];
  applies: (install: PythonInstall) => boolean;
}

const flavours: Flavour[] = [
  { name: 'default', defines: [], applies: () => true },
  { name: 'trace-refs', defines: flavourDefines({ traceRefs: true }), applies: () => true },
  { name: 'debug', defines: flavourDefines({ debug: true }), applies: () => true },
  { name: 'free-threaded', defines: flavourDefines({ freeThreaded: true }), applies: (install) => minor(install) >= 13 },
  { name: 'limited API 3.6', defines: flavourDefines({ limitedApi: '3.6' }), applies: () => true },
];

const gccCases = selection.found.flatMap((install) => flavours.filter((f) => f.applies(install)).map((flavour) => ({ install, flavour, label: `${label(install)} ${flavour.name}` })));

describe.each(gccCases)('against gcc: $label', ({ install, flavour }) => {
  it('counts as the headers do, keeping registers, stack and red zone', async () => {
    const { dir, include } = prepare(install, flavour.defines);
    writeFileSync(join(dir, 'probe.asm'), 'default rel\n%include "python.inc"\n%include "probes.inc"\n');
    await run('nasm', ['-f', 'elf64', '-o', 'probe.o', 'probe.asm'], { cwd: dir });
    const gccDefines = flavour.defines.map((d) => (d.kind === 'define' ? `-D${d.name}=${d.value}` : `-U${d.name}`));
    const includes = install.includeDirs.map((d) => `-I${resolve(d)}`);
    await run('gcc', ['-O0', '-w', ...includes, ...gccDefines, 'harness.c', 'probe.o', '-o', 'harness'], { cwd: dir });
    const { stdout } = await run(join(dir, 'harness'), [], { encoding: 'utf8' }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(failures(stdout)).toEqual([]);
    const mode = /^mode (\w+)/.exec(stdout)?.[1];
    // The harness tells from the headers' own macros whether they count in place or by calls; the
    // include must have decided the same.
    const calls = /%macro Py_INCREF 1\n\s+__py_save_registers %1\n\s+call Py_IncRef/.test(include);
    expect(mode).toBe(calls ? 'calls' : 'inline');
    expect(stdout.split('\n').filter((l) => l.startsWith('ok')).length).toBe(mode === 'inline' ? 82 : 10);
  });
});
