// `make wheel` on every Python installed here: the wheel's name carries the tags pip expects
// (cp3X-cp3X[m]-linux_x86_64 for one interpreter; cp3N-abi3-linux_x86_64 for the stable-ABI module,
// built once and installed into every Python from 3.N up), its RECORD is right by the interpreter's
// own zipfile and hashlib (fixtures/wheel/check_wheel.py), and pip installs it — offline, into a
// --target directory of a temporary place, never the real site-packages — and the module imports
// from there.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { PythonInstall } from '../src/types.js';
import { generate } from '../src/generate.js';
import { flavourDefines } from '../src/flavour.js';
import { writeOutputs } from '../src/output.js';
import { findPythons, printPythons } from './oracle/index.js';

const run = promisify(execFile);
const checkWheel = new URL('./fixtures/wheel/check_wheel.py', import.meta.url).pathname;
const selection = findPythons();
printPythons(selection);
const pythons = selection.found.filter((install) => install.interpreter);
const minor = (install: PythonInstall) => Number(install.shortVersion.split('.')[1]);
const label = (install: PythonInstall) => `${install.version} ${install.interpreter}`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-wheel-'));
  dirs.push(dir);
  return dir;
}

/** No network, no cache, no questions, nothing but the --target directory written. */
const pipEnv = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', PIP_ROOT_USER_ACTION: 'ignore', PYTHONNOUSERSITE: '1' };

/** Builds the wheel with make and returns its path. */
async function makeWheel(dir: string): Promise<string> {
  await run('make', ['-C', dir, 'wheel'], { encoding: 'utf8' });
  const wheels = readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.whl'));
  expect(wheels).toHaveLength(1);
  return join(dir, 'dist', wheels[0]!);
}

/** check_wheel.py's verdict, pip's install into a fresh --target directory, and an import from it. */
async function installAndImport(interpreter: string, wheel: string, module: string, use: string): Promise<string[]> {
  const { stdout: verdict } = await run(interpreter, [checkWheel, wheel], { encoding: 'utf8' }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
  expect(verdict.trim()).toBe('ok');
  const target = join(tempDir(), 'target');
  await run(interpreter, ['-m', 'pip', 'install', '--no-index', '--no-deps', '--no-cache-dir', '--target', target, wheel], { encoding: 'utf8', env: pipEnv });
  const { stdout } = await run(interpreter, ['-c', `import ${module}; print(${module}.__file__); print(${use})`], {
    encoding: 'utf8',
    cwd: tempDir(),
    env: { ...process.env, PYTHONPATH: target, PYTHONNOUSERSITE: '1' },
  });
  const [file, value] = stdout.trim().split('\n');
  expect(file!.startsWith(`${target}/`)).toBe(true);
  return [file!.slice(target.length + 1), value!];
}

describe.each(pythons.map((install) => ({ install, label: label(install) })))('make wheel for $label', ({ install }) => {
  it('packs a wheel tagged for this interpreter that pip installs and that imports', async () => {
    const dir = tempDir();
    const module = 'wheeldemo';
    writeOutputs(dir, generate({ python: install.interpreter!, module }).files);
    const wheel = await makeWheel(dir);
    const abiflags = await run(install.interpreter!, ['-c', 'import sys; print(sys.abiflags)'], { encoding: 'utf8' });
    const cp = `cp${install.shortVersion.replace('.', '')}`;
    expect(wheel.split('/').pop()).toBe(`${module}-0.1.0-${cp}-${cp}${abiflags.stdout.trim()}-linux_x86_64.whl`);
    const [file, value] = await installAndImport(install.interpreter!, wheel, module, `${module}.add(40, 2)`);
    expect([file, value]).toEqual([readdirSync(dir).find((f) => f.startsWith(`${module}.`) && f.endsWith('.so')), '42']);
  });
});

describe('the stable-ABI wheel, built once', () => {
  const newest = pythons.at(-1)!;
  const lowest = `3.${Math.max(5, Math.min(...pythons.map(minor)))}`;
  const module = 'stablewheel';
  const dir = tempDir();
  let wheel = '';

  it(`is tagged cp${lowest.replace('.', '')}-abi3 when made from the ${newest.version} headers with --limited-api ${lowest}`, async () => {
    writeOutputs(dir, generate({ python: newest.interpreter!, module, defines: flavourDefines({ limitedApi: lowest }) }).files);
    wheel = await makeWheel(dir);
    expect(wheel.split('/').pop()).toBe(`${module}-0.1.0-cp${lowest.replace('.', '')}-abi3-linux_x86_64.whl`);
  });

  it.each(pythons.filter((install) => minor(install) >= Number(lowest.split('.')[1])).map((install) => ({ install, label: label(install) })))(
    'installs with pip into $label and imports',
    async ({ install }) => {
      const [file, value] = await installAndImport(install.interpreter!, wheel, module, `${module}.Counter().increment()`);
      expect([file, value]).toEqual([`${module}.abi3.so`, '1']);
    },
  );
});
