// locate: fake pyenv roots and include trees in a temporary directory (with shell scripts standing
// in for interpreters, which log every run), then the real installs of this machine.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInstalledPythons, locate } from '../src/locate/index.js';
import { GenIncError } from '../src/diagnostics.js';
import type { LocateOptions } from '../src/types.js';

let base: string;
let root: string;
let runLog: string;

function write(path: string, text: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mode !== undefined) chmodSync(path, mode);
}

function patchlevel(major: number, minor: number, micro: number, level = 'PY_RELEASE_LEVEL_FINAL', serial = 0, text = `${major}.${minor}.${micro}`): string {
  return [
    '#define PY_RELEASE_LEVEL_ALPHA\t0xA',
    '#define PY_RELEASE_LEVEL_FINAL\t0xF\t/* Serial should be 0 here */',
    `#define PY_MAJOR_VERSION\t${major}`,
    `#define PY_MINOR_VERSION\t${minor}`,
    `#define PY_MICRO_VERSION\t${micro}`,
    `#define PY_RELEASE_LEVEL\t${level}`,
    `#define PY_RELEASE_SERIAL\t${serial}`,
    `#define PY_VERSION      \t"${text}"`,
    '#define PY_VERSION_HEX ((PY_MAJOR_VERSION << 24) | \\',
    '                        (PY_RELEASE_SERIAL << 0))',
    '',
  ].join('\n');
}

/** A shell script that answers the sysconfig query like a Python of that prefix would, and logs each run. */
function fakeInterpreter(path: string, prefix: string, version: [number, number, number]): void {
  const [major, minor, micro] = version;
  const report = {
    include: `${prefix}/include/python${major}.${minor}`,
    platinclude: `${prefix}/include/python${major}.${minor}`,
    extSuffix: `.cpython-${major}${minor}-fake.so`,
    executable: path,
    versionInfo: [major, minor, micro, 'final', 0],
  };
  write(path, `#!/bin/sh\necho "${path}" >> "${runLog}"\nprintf '%s' 'gen-inc-sysconfig:${JSON.stringify(report)}'\n`, 0o755);
}

function pyenvVersion(name: string, version: [number, number, number], options: { binary?: boolean; headers?: boolean } = {}): void {
  const prefix = join(root, 'versions', name);
  const [major, minor, micro] = version;
  if (options.headers !== false) write(join(prefix, 'include', `python${major}.${minor}`, 'patchlevel.h'), patchlevel(major, minor, micro, 'PY_RELEASE_LEVEL_FINAL', 0, name));
  else mkdirSync(join(prefix, 'include'), { recursive: true });
  if (options.binary !== false) fakeInterpreter(join(prefix, 'bin', `python${major}.${minor}`), prefix, version);
}

function runs(): string[] {
  return existsSync(runLog) ? readFileSync(runLog, 'utf8').trim().split('\n').filter(Boolean) : [];
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof GenIncError) return error.diagnostics[0]!.code;
    throw error;
  }
  return 'no error';
}

function fakeLocate(python: string, extra: Partial<LocateOptions> & { path?: string[]; pyenvVersion?: string } = {}) {
  const env = { PATH: (extra.path ?? []).join(':'), PYENV_ROOT: root, HOME: base, PYENV_VERSION: extra.pyenvVersion };
  return locate({ python, env, cwd: extra.cwd ?? base, includeDirs: extra.includeDirs });
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'gen-inc-locate-'));
  root = join(base, 'pyenv');
  runLog = join(base, 'runs.log');
  pyenvVersion('3.9.1', [3, 9, 1]);
  pyenvVersion('3.9.10', [3, 9, 10]);
  pyenvVersion('3.9.10t', [3, 9, 10], { binary: false });
  pyenvVersion('3.9.12', [3, 9, 12], { headers: false });
  pyenvVersion('3.10.2', [3, 10, 2], { binary: false });
  write(join(root, 'version'), '3.10.2\n');
  write(join(root, 'shims', 'python3.9'), '#!/bin/sh\nexit 99\n', 0o755);
  write(join(root, 'shims', 'python3.10'), '#!/bin/sh\nexit 99\n', 0o755);
  write(join(base, 'project', '.python-version'), '# pinned\n3.9.1\n');
  mkdirSync(join(base, 'project', 'src', 'deep'), { recursive: true });
  fakeInterpreter(join(base, 'bin', 'python3.9'), join(root, 'versions', '3.9.1'), [3, 9, 1]);
  write(join(base, 'bin', 'not-python'), '#!/bin/sh\necho hello\n', 0o755);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('locate by version in a fake pyenv', () => {
  it('picks the highest plain patch release with headers, running nothing', () => {
    rmSync(runLog, { force: true });
    const install = fakeLocate('3.9');
    expect(install.version).toBe('3.9.10');
    expect(install.includeDirs).toEqual([join(root, 'versions', '3.9.10', 'include', 'python3.9')]);
    expect(install.foundBy).toBe('pyenv');
    expect(install.interpreter).toBe(join(root, 'versions', '3.9.10', 'bin', 'python3.9'));
    expect(install.hexversion).toBe(0x03090af0);
    expect(runs()).toEqual([]);
  });

  it('takes a suffixed build only when asked for its exact version', () => {
    expect(fakeLocate('3.9.10').version).toBe('3.9.10');
    rmSync(join(root, 'versions', '3.9.10', 'include'), { recursive: true });
    try {
      expect(fakeLocate('3.9.10').version).toBe('3.9.10t');
    } finally {
      pyenvVersion('3.9.10', [3, 9, 10]);
    }
  });

  it('does not let 3.1 match 3.10', () => {
    expect(codeOf(() => fakeLocate('3.1'))).toBe('GI1001');
  });

  it('resolves a shim through PYENV_VERSION and runs that interpreter once', () => {
    rmSync(runLog, { force: true });
    const install = fakeLocate('3.9', { path: [join(root, 'shims')], pyenvVersion: 'system:3.9.1' });
    expect(install.version).toBe('3.9.1');
    expect(install.foundBy).toBe(`sysconfig of ${join(root, 'versions', '3.9.1', 'bin', 'python3.9')}`);
    expect(install.extSuffix).toBe('.cpython-39-fake.so');
    expect(runs()).toEqual([join(root, 'versions', '3.9.1', 'bin', 'python3.9')]);
  });

  it('resolves a shim through .python-version found upward from the cwd', () => {
    const install = fakeLocate('3.9', { path: [join(root, 'shims')], cwd: join(base, 'project', 'src', 'deep') });
    expect(install.version).toBe('3.9.1');
    expect(install.foundBy).toMatch(/^sysconfig of /);
  });

  it('skips a shim whose selected version lacks the command, without running anything', () => {
    rmSync(runLog, { force: true });
    const install = fakeLocate('3.9', { path: [join(root, 'shims')] });
    expect(install.version).toBe('3.9.10');
    expect(install.foundBy).toBe('pyenv');
    expect(runs()).toEqual([]);
  });

  it('runs python3.X found on PATH', () => {
    const install = fakeLocate('3.9', { path: [join(base, 'bin')] });
    expect(install.foundBy).toBe(`sysconfig of ${join(base, 'bin', 'python3.9')}`);
    expect(install.version).toBe('3.9.1');
  });

  it('reports what it tried and what exists (GI1001)', () => {
    try {
      fakeLocate('3.8', { path: [join(root, 'shims')] });
      expect.unreachable();
    } catch (error) {
      const message = (error as GenIncError).diagnostics[0]!.message;
      expect((error as GenIncError).diagnostics[0]!.code).toBe('GI1001');
      expect(message).toContain(`${join(root, 'versions', '3.8')}*`);
      expect(message).toContain('/usr/include/python3.8');
      expect(message).toContain('3.9.1, 3.9.10');
    }
  });
});

describe('locate by interpreter path', () => {
  it('uses the interpreter sysconfig', () => {
    const install = fakeLocate(join(base, 'bin', 'python3.9'));
    expect(install.version).toBe('3.9.1');
    expect(install.interpreter).toBe(join(base, 'bin', 'python3.9'));
  });

  it('rejects a program that is not Python (GI1002)', () => {
    expect(codeOf(() => fakeLocate(join(base, 'bin', 'not-python')))).toBe('GI1002');
    expect(codeOf(() => fakeLocate(join(base, 'bin', 'missing')))).toBe('GI1002');
  });
});

describe('locate with explicit include dirs', () => {
  const dir = () => join(root, 'versions', '3.9.1', 'include', 'python3.9');

  it('reads the version from patchlevel.h', () => {
    const install = fakeLocate('3.9', { includeDirs: [dir()] });
    expect(install).toMatchObject({ version: '3.9.1', shortVersion: '3.9', foundBy: '--include-dir', includeDirs: [dir()] });
  });

  it('refuses a version that disagrees (GI1005) and a dir without headers (GI1003)', () => {
    expect(codeOf(() => fakeLocate('3.10', { includeDirs: [dir()] }))).toBe('GI1005');
    expect(codeOf(() => fakeLocate('3.9', { includeDirs: [base] }))).toBe('GI1003');
  });

  it('computes hexversion for a pre-release', () => {
    const pre = join(base, 'pre', 'python3.14');
    write(join(pre, 'patchlevel.h'), patchlevel(3, 14, 0, 'PY_RELEASE_LEVEL_ALPHA', 2, '3.14.0a2'));
    expect(fakeLocate('3.14', { includeDirs: [pre] })).toMatchObject({ version: '3.14.0a2', hexversion: 0x030e00a2 });
  });

  it("adds the platform dir Debian's pyconfig.h dispatches to", () => {
    const include = join(base, 'debian', 'include');
    write(join(include, 'python3.9', 'patchlevel.h'), patchlevel(3, 9, 2));
    write(
      join(include, 'python3.9', 'pyconfig.h'),
      '#if defined(__x86_64__)\n#  include <x86_64-linux-gnu/python3.9/pyconfig.h>\n#elif defined(__i386__)\n#  include <i386-linux-gnu/python3.9/pyconfig.h>\n#endif\n',
    );
    write(join(include, 'x86_64-linux-gnu', 'python3.9', 'pyconfig.h'), '#define HAVE_X 1\n');
    const install = fakeLocate('3.9', { includeDirs: [join(include, 'python3.9')] });
    expect(install.includeDirs).toEqual([join(include, 'python3.9'), join(include, 'x86_64-linux-gnu', 'python3.9')]);
  });
});

describe('the Pythons of this machine', () => {
  const installs = findInstalledPythons();

  it('lists each install once, oldest first, each with patchlevel.h', () => {
    expect(installs.length).toBeGreaterThan(0);
    const dirs = installs.map((install) => install.includeDirs[0]);
    expect(new Set(dirs).size).toBe(dirs.length);
    for (let i = 1; i < installs.length; i++) expect(installs[i]!.hexversion).toBeGreaterThanOrEqual(installs[i - 1]!.hexversion);
    for (const install of installs) expect(existsSync(join(install.includeDirs[0]!, 'patchlevel.h'))).toBe(true);
  });

  it.skipIf(!existsSync('/usr/bin/python3.11') || !existsSync('/usr/include/x86_64-linux-gnu/python3.11/pyconfig.h'))(
    "finds Debian's platform include dir through the interpreter",
    () => {
      const install = locate({ python: '/usr/bin/python3.11' });
      expect(install.includeDirs).toEqual(['/usr/include/python3.11', '/usr/include/x86_64-linux-gnu/python3.11']);
      expect(install.extSuffix).toMatch(/^\.cpython-311-/);
    },
  );

  it.skipIf(!installs.some((install) => install.shortVersion === '3.13'))('locates 3.13 fast', () => {
    const started = performance.now();
    const install = locate({ python: '3.13' });
    expect(install.shortVersion).toBe('3.13');
    expect(existsSync(join(install.includeDirs[0]!, 'Python.h'))).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
