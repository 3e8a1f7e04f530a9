// One stable-ABI module for every Python here: generated once from the newest installed headers
// with --limited-api of the lowest version the example supports here (its multi-phase
// initialisation needs 3.5, PEP 489; the oldest Python installed sets the rest), built once, and
// then the very same NAME.abi3.so imported and tested by every installed Python from that version
// up. Its undefined symbols must all be exported through each Python's libpython3.so and be in the
// stable ABI's own list. Combinations the headers reject with #error fail with file:line.

import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { PythonInstall } from '../src/types.js';
import { generate } from '../src/generate.js';
import { flavourDefines } from '../src/flavour.js';
import { writeOutputs } from '../src/output.js';
import { findPythons, printPythons } from './oracle/index.js';
import { runCli } from './support/cli.js';

const run = promisify(execFile);
const selection = findPythons();
printPythons(selection);
const withInterpreter = selection.found.filter((install) => install.interpreter);
const minor = (install: PythonInstall) => Number(install.shortVersion.split('.')[1]);

/** PEP 489's multi-phase initialisation, which the example uses, came with 3.5. */
const FIRST_MULTI_PHASE_MINOR = 5;
const newest = withInterpreter.at(-1)!;
const lowestMinor = Math.max(FIRST_MULTI_PHASE_MINOR, Math.min(...withInterpreter.map(minor)));
const limitedApi = `3.${lowestMinor}`;
const served = withInterpreter.filter((install) => minor(install) >= lowestMinor);
const module = 'stable';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-abi3-'));
  dirs.push(dir);
  return dir;
}

async function python(interpreter: string, code: string): Promise<string> {
  const { stdout } = await run(interpreter, ['-c', code], { encoding: 'utf8' });
  return stdout.trim();
}

/** The symbols a shared object exports (`defined`) or needs (`undefined`), as nm -D lists them. */
async function dynamicSymbols(file: string, which: 'defined' | 'undefined'): Promise<Set<string>> {
  const { stdout } = await run('nm', ['-D', `--${which}-only`, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return new Set(stdout.split('\n').flatMap((line) => line.trim().split(/\s+/).slice(-1)).filter(Boolean).map((s) => s.replace(/@.*/, '')));
}

/** What linking against libpython3.so provides: libpython3.so exports nothing of its own, it only
 * NEEDs libpython3.X.so; the stable ABI is what that library exports. */
async function throughLibpython3(libdir: string): Promise<{ library: string; symbols: Set<string> } | undefined> {
  const stub = join(libdir, 'libpython3.so');
  if (!existsSync(stub)) return undefined;
  const { stdout } = await run('readelf', ['-dW', stub], { encoding: 'utf8' });
  const needed = [...stdout.matchAll(/\(NEEDED\)\s+Shared library: \[(libpython3\.\d+\w*\.so[.\d]*)\]/g)].map((m) => m[1]!);
  const symbols = new Set(await dynamicSymbols(stub, 'defined'));
  for (const library of needed) for (const symbol of await dynamicSymbols(join(libdir, library), 'defined')) symbols.add(symbol);
  return { library: `libpython3.so → ${needed.join(', ')}`, symbols };
}

/** The stable ABI's symbol list as the newest installed test suite states it (3.11 on ship it). */
async function stableAbiList(): Promise<{ source: string; names: Set<string> } | undefined> {
  for (const install of [...withInterpreter].reverse()) {
    const stdlib = await python(install.interpreter!, 'import sysconfig; print(sysconfig.get_path("stdlib"))');
    const source = join(stdlib, 'test', 'test_stable_abi_ctypes.py');
    if (!existsSync(source)) continue;
    const tuple = /^SYMBOL_NAMES = \(([\s\S]*?)^\)/m.exec(readFileSync(source, 'utf8'))?.[1] ?? '';
    return { source, names: new Set([...tuple.matchAll(/"(\w+)"/g)].map((m) => m[1]!)) };
  }
  return undefined;
}

describe(`one ${module}.abi3.so from the ${newest.version} headers with --limited-api ${limitedApi}`, () => {
  const dir = tempDir();
  const built = join(dir, `${module}.abi3.so`);
  let digest = '';

  it('is generated and built once', async () => {
    const result = generate({ python: newest.interpreter!, module, defines: flavourDefines({ limitedApi }) });
    expect(result.model.flavour?.limitedApi).toBe(0x03000000 + lowestMinor * 0x10000);
    writeOutputs(dir, result.files);
    await run('make', ['-C', dir], { encoding: 'utf8' });
    expect(readdirSync(dir)).toContain(`${module}.abi3.so`);
    digest = createHash('sha256').update(readFileSync(built)).digest('hex');
    console.log(`built ${module}.abi3.so once (sha256 ${digest.slice(0, 16)}…) for ${served.map((i) => i.version).join(', ')}`);
  });

  it.each(served.map((install) => ({ install, label: `${install.version} ${install.interpreter}` })))('imports and passes its tests on $label', async ({ install }) => {
    const { stdout, stderr } = await run('make', ['-C', dir, 'test', `PYTHON=${install.interpreter}`], { encoding: 'utf8' });
    expect(`${stdout}${stderr}`).toMatch(/Ran 13 tests[\s\S]*\nOK/);
    expect(`${stdout}${stderr}`).not.toMatch(/\bnasm\b|\bld\b -shared/);
  });

  it('is still the same file', () => {
    expect(createHash('sha256').update(readFileSync(built)).digest('hex')).toBe(digest);
  });

  it('needs no library, and only symbols of the stable ABI', async () => {
    const { stdout } = await run('readelf', ['-dW', built], { encoding: 'utf8' });
    expect(stdout).not.toMatch(/\(NEEDED\)/);
    const needed = await dynamicSymbols(built, 'undefined');
    expect(needed.size).toBeGreaterThan(10);
    const list = await stableAbiList();
    expect(list, 'a test_stable_abi_ctypes.py to read the stable ABI from').toBeDefined();
    expect([...needed].filter((s) => !list!.names.has(s))).toEqual([]);
    console.log(`${needed.size} undefined symbols, all in the stable ABI list of ${list!.source}`);
  });

  it.each(served.map((install) => ({ install, label: `${install.version} ${install.interpreter}` })))('finds every symbol it needs exported through libpython3.so of $label', async ({ install }) => {
    const needed = await dynamicSymbols(built, 'undefined');
    const libdir = await python(install.interpreter!, 'import sysconfig; print(sysconfig.get_config_var("LIBDIR"))');
    let provider = await throughLibpython3(libdir);
    if (!provider) {
      // Debian's python3.11 ships no libpython3.so; its own libpython3.11 is what it exports from.
      const soname = await python(install.interpreter!, 'import sysconfig; print(sysconfig.get_config_var("INSTSONAME"))');
      expect(existsSync(join(libdir, soname)), `${soname} in ${libdir}`).toBe(true);
      provider = { library: `${soname} (there is no libpython3.so in ${libdir})`, symbols: await dynamicSymbols(join(libdir, soname), 'defined') };
    }
    expect([...needed].filter((s) => !provider!.symbols.has(s))).toEqual([]);
    console.log(`${install.version} ${install.interpreter}: all ${needed.size} exported by ${provider.library}`);
  });
});

describe('flavours the headers reject', () => {
  const tracing = selection.found.find((install) => minor(install) <= 12);
  it.skipIf(!tracing)('--limited-api with --trace-refs fails with the #error and its file:line', () => {
    const out = join(tempDir(), 'out');
    const result = runCli(['--python', tracing!.shortVersion, '--include-dir', tracing!.includeDirs[0]!, '--limited-api', '3.6', '--trace-refs', '-o', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/object\.h:\d+(:\d+)?: error: #error Py_LIMITED_API is incompatible with/);
    expect(existsSync(out)).toBe(false);
  });

  const freeThreading = selection.found.find((install) => minor(install) >= 13);
  it.skipIf(!freeThreading)('--limited-api with --free-threaded fails with the #error and its file:line', () => {
    const result = runCli(['--python', freeThreading!.shortVersion, '--include-dir', freeThreading!.includeDirs[0]!, '--limited-api', '3.6', '--free-threaded', '-o', join(tempDir(), 'out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Python\.h:\d+(:\d+)?: error: #error "?The limited API is not currently supported in the free-threaded build/);
  });

  it('--limited-api 3.4 has no multi-phase initialisation for the example: an error that says so', () => {
    const result = runCli(['--python', newest.shortVersion, '--include-dir', newest.includeDirs[0]!, '--limited-api', '3.4', '-o', join(tempDir(), 'out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/needs Py_mod_exec.*use --limited-api 3\.5 or later/);
  });

  it('--limited-api that is not a version is a usage error', () => {
    const result = runCli(['--python', newest.shortVersion, '--limited-api', '2.7']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--limited-api 2\.7: expected a version 3\.2 or later/);
  });
});
