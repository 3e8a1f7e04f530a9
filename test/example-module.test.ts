// The generated example module, on every Python installed here: `make`, `make test` and
// `make install DESTDIR=…` with the very interpreter it was generated for, an import from the
// installed place, and readelf's word that the object needs no text relocations and no
// executable stack.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { writeOutputs } from '../src/output.js';
import { findPythons, printPythons } from './oracle/index.js';

const run = promisify(execFile);
const selection = findPythons();
printPythons(selection);
const cases = selection.found.map((install) => ({ install, label: `${install.version} ${install.interpreter ?? install.includeDirs[0]}` }));

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function make(dir: string, ...args: string[]) {
  return run('make', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
}

async function python(interpreter: string, code: string, env: Record<string, string> = {}) {
  const { stdout } = await run(interpreter, ['-c', code], { encoding: 'utf8', env: { ...process.env, ...env } });
  return stdout.trim();
}

describe.each(cases)('example module for $label', ({ install }) => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-example-'));
  dirs.push(dir);
  const interpreter = install.interpreter!;
  const module = 'asmdemo';

  it('is generated for its own interpreter', () => {
    expect(interpreter, 'an interpreter to build and test with').toBeTruthy();
    const result = generate({ python: interpreter, module });
    expect(result.install.version).toBe(install.version);
    writeOutputs(dir, result.files);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['Makefile', 'asmdemo.asm', 'python.inc', 'test_asmdemo.py']));
  });

  it('builds with make into the file name the interpreter asks for', async () => {
    await make(dir);
    const suffix = await python(interpreter, 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))');
    expect(readdirSync(dir)).toContain(`${module}${suffix}`);
  });

  it('passes make test', async () => {
    const { stdout, stderr } = await make(dir, 'test');
    expect(`${stdout}${stderr}`).toMatch(/Ran 8 tests[\s\S]*\nOK/);
  });

  it('needs no text relocations and no executable stack', async () => {
    const built = readdirSync(dir).find((f) => f.startsWith(`${module}.`) && f.endsWith('.so'))!;
    const { stdout: dynamic } = await run('readelf', ['-dW', join(dir, built)]);
    expect(dynamic).not.toMatch(/TEXTREL/);
    const { stdout: headers } = await run('readelf', ['-lW', join(dir, built)]);
    const stack = headers.split('\n').find((l) => /GNU_STACK/.test(l));
    expect(stack, 'a GNU_STACK program header').toBeDefined();
    expect(stack).toMatch(/ RW /);
    // The object itself says so too, through the section python.inc declares.
    const { stdout: sections } = await run('readelf', ['-SW', join(dir, `${module}.o`)]);
    const note = sections.split('\n').find((l) => /\.note\.GNU-stack/.test(l));
    expect(note, 'a .note.GNU-stack section').toBeDefined();
    expect(note).not.toMatch(/ AX |X /);
  });

  it('installs under DESTDIR and imports from there', async () => {
    const destdir = join(dir, 'destdir');
    await make(dir, 'install', `DESTDIR=${destdir}`);
    const platlib = await python(interpreter, 'import sysconfig; print(sysconfig.get_path("platlib"))');
    const origin = await python(interpreter, `import ${module}; print(${module}.__file__); print(${module}.add(40, 2))`, {
      PYTHONPATH: join(destdir, platlib),
      PYTHONNOUSERSITE: '1',
    });
    expect(origin.split('\n')).toEqual([join(destdir, platlib, readdirSync(dir).find((f) => f.startsWith(`${module}.`) && f.endsWith('.so'))!), '42']);
  });

  it('cleans up with make clean', async () => {
    await make(dir, 'clean');
    expect(readdirSync(dir).filter((f) => f.endsWith('.so') || f.endsWith('.o'))).toEqual([]);
  });
});
