// locate: a version or an interpreter → the Python include directories.
//
// Search order: explicit include dirs; the sysconfig of the interpreter (a given path, or
// python3.X on PATH, pyenv shims resolved without running them); pyenv's versions directory;
// /usr/include and /usr/local/include. Only the second step runs an interpreter: once, unless the
// first one found on PATH has no headers.
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { LocateOptions, PythonInstall } from '../types.js';
import { fail } from '../diagnostics.js';
import { hasPatchlevel, pythonIncludeSubdirs, readPatchlevel, withPlatformDirs, type HeaderVersion } from './headers.js';
import { querySysconfig } from './interpreter.js';
import {
  installedPyenvVersions,
  isExecutableFile,
  isPyenvShimDir,
  pyenvRoot,
  pyenvVersionDir,
  pyenvVersionsMatching,
  realpathOr,
  resolveShim,
  type Env,
} from './pyenv.js';

/** Where distributions put headers, searched after pyenv. */
const systemIncludeBases = ['/usr/include', '/usr/local/include'];

type Request =
  | { kind: 'version'; text: string; major: number; minor: number; micro?: number; shortVersion: string }
  | { kind: 'interpreter'; path: string }
  | { kind: 'command'; name: string };

function parseRequest(python: string, cwd: string): Request {
  const version = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(python);
  if (version) {
    const [, major, minor, micro] = version;
    return {
      kind: 'version',
      text: python,
      major: Number(major),
      minor: Number(minor),
      micro: micro === undefined ? undefined : Number(micro),
      shortVersion: `${major}.${minor}`,
    };
  }
  if (python.includes('/')) return { kind: 'interpreter', path: resolve(cwd, python) };
  return { kind: 'command', name: python || 'python3' };
}

function satisfies(request: Request, header: HeaderVersion): boolean {
  if (request.kind !== 'version') return true;
  return header.major === request.major && header.minor === request.minor && (request.micro === undefined || header.micro === request.micro);
}

function makeInstall(includeDirs: string[], header: HeaderVersion, foundBy: string, interpreter?: string, extSuffix?: string): PythonInstall {
  const dirs = withPlatformDirs(includeDirs);
  const install: PythonInstall = {
    version: header.version,
    shortVersion: header.shortVersion,
    hexversion: header.hexversion,
    includeDirs: dirs,
    shownIncludeDirs: dirs.map(underPrefix),
    foundBy,
  };
  if (interpreter) install.interpreter = interpreter;
  if (extSuffix) install.extSuffix = extSuffix;
  return install;
}

/** `<prefix>/bin/python3.X` beside `<prefix>/include/python3.X…`, when it exists; never run here. */
function siblingInterpreter(includeDir: string, shortVersion: string): string | undefined {
  const candidate = join(dirname(dirname(includeDir)), 'bin', `python${shortVersion}`);
  return isExecutableFile(candidate) ? candidate : undefined;
}

function fromIncludeDirs(dirs: string[], request: Request, python: string): PythonInstall {
  const withHeaders = dirs.find(hasPatchlevel);
  if (!withHeaders) fail('GI1003', [dirs.join(', ')]);
  const header = readPatchlevel(withHeaders);
  if (!satisfies(request, header)) fail('GI1005', [withHeaders, header.version, python]);
  const interpreter = request.kind === 'interpreter' ? request.path : undefined;
  return makeInstall(dirs, header, '--include-dir', interpreter);
}

/** An interpreter's own include dirs; `problem` explains why it cannot be used. */
function fromInterpreter(interpreter: string, request: Request, env: Env, cwd: string): { install: PythonInstall } | { problem: string; notPython?: boolean } {
  const queried = querySysconfig(interpreter, env, cwd);
  if ('reason' in queried) return { problem: queried.reason, notPython: true };
  const { report } = queried;
  const dirs = [report.include, report.platinclude].filter((dir): dir is string => !!dir);
  const withHeaders = dirs.find(hasPatchlevel);
  if (!withHeaders) return { problem: `its include directory ${report.include} has no patchlevel.h` };
  const header = readPatchlevel(withHeaders);
  if (!satisfies(request, header)) return { problem: `its headers are Python ${header.version}` };
  return { install: makeInstall(dirs, header, `sysconfig of ${interpreter}`, report.executable, report.extSuffix) };
}

/** A pyenv shim stands for the interpreter pyenv would exec; a plain file stands for itself. */
function interpreterBehind(candidate: string, env: Env, cwd: string): { interpreter?: string; explanation: string } {
  const root = pyenvRoot(env);
  if (isPyenvShimDir(dirname(candidate), root)) return resolveShim(basename(candidate), env, cwd, root);
  return { interpreter: candidate, explanation: candidate };
}

function fromExplicitInterpreter(path: string, request: Request, env: Env, cwd: string): PythonInstall {
  if (!isExecutableFile(path)) fail('GI1002', [path, 'no such executable file']);
  const behind = interpreterBehind(path, env, cwd);
  if (!behind.interpreter) fail('GI1002', [path, behind.explanation]);
  const found = fromInterpreter(behind.interpreter, request, env, cwd);
  if ('install' in found) return found.install;
  if (found.notPython) fail('GI1002', [path, found.problem]);
  fail('GI1001', [path, `${behind.interpreter}: ${found.problem}`, installedVersionList(env)]);
}

/** The first usable `command` on PATH; each distinct interpreter is run at most once. */
function fromPath(command: string, request: Request, env: Env, cwd: string, tried: string[]): PythonInstall | undefined {
  tried.push(`${command} on PATH`);
  const seen = new Set<string>();
  for (const entry of (env.PATH ?? '').split(':')) {
    if (!entry) continue;
    const candidate = join(isAbsolute(entry) ? entry : resolve(cwd, entry), command);
    if (!isExecutableFile(candidate)) continue;
    const behind = interpreterBehind(candidate, env, cwd);
    if (!behind.interpreter) {
      tried.push(behind.explanation);
      continue;
    }
    const real = realpathOr(behind.interpreter);
    if (seen.has(real)) continue;
    seen.add(real);
    const found = fromInterpreter(behind.interpreter, request, env, cwd);
    if ('install' in found) return found.install;
    tried.push(`${behind.explanation}: ${found.problem}`);
  }
  return undefined;
}

function fromPyenv(request: Extract<Request, { kind: 'version' }>, env: Env, tried: string[]): PythonInstall | undefined {
  const root = pyenvRoot(env);
  tried.push(`${join(root, 'versions', request.text)}*`);
  for (const version of pyenvVersionsMatching(installedPyenvVersions(root), request.text)) {
    const prefix = pyenvVersionDir(root, version);
    for (const includeDir of pythonIncludeSubdirs(join(prefix, 'include'), request.shortVersion)) {
      const header = readPatchlevel(includeDir);
      if (satisfies(request, header)) return makeInstall([includeDir], header, 'pyenv', siblingInterpreter(includeDir, request.shortVersion));
    }
  }
  return undefined;
}

function fromSystemDirs(request: Extract<Request, { kind: 'version' }>, tried: string[]): PythonInstall | undefined {
  for (const base of systemIncludeBases) {
    for (const suffix of ['', 'm']) {
      const includeDir = join(base, `python${request.shortVersion}${suffix}`);
      tried.push(includeDir);
      if (!hasPatchlevel(includeDir)) continue;
      const header = readPatchlevel(includeDir);
      if (satisfies(request, header)) return makeInstall([includeDir], header, base, siblingInterpreter(includeDir, request.shortVersion));
    }
  }
  return undefined;
}

function installedVersionList(env: Env): string {
  const versions = [...new Set(findInstalledPythons(env).map((install) => install.version))];
  return versions.length > 0 ? versions.join(', ') : 'none';
}

/**
 * `/opt/python/3.12.1/include/python3.12` → `<prefix>/include/python3.12`: where an installation
 * keeps its headers, without where the installation is, so that output made from the same headers
 * on two machines is the same.
 */
function underPrefix(dir: string): string {
  const m = /\/include\/((?:[\w-]+\/)?python3\.\d+m?)\/?$/.exec(dir);
  return m ? `<prefix>/include/${m[1]}` : dir;
}

/** Find the headers of one Python. Throws GenIncError (GI1xxx) listing what was tried. */
export function locate(options: LocateOptions): PythonInstall {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const request = parseRequest(options.python, cwd);
  if (options.includeDirs && options.includeDirs.length > 0) {
    const given = new Map(options.includeDirs.map((dir) => [resolve(cwd, dir), dir]));
    const install = fromIncludeDirs([...given.keys()], request, options.python);
    return { ...install, shownIncludeDirs: install.includeDirs.map((dir) => given.get(dir) ?? dir) };
  }
  if (request.kind === 'interpreter') return fromExplicitInterpreter(request.path, request, env, cwd);

  const tried: string[] = [];
  if (request.kind === 'command') {
    const found = fromPath(request.name, request, env, cwd, tried);
    if (found) return found;
    fail('GI1002', [request.name, tried.length > 1 ? tried.slice(1).join('; ') : 'not found on PATH']);
  }
  const found =
    fromPath(`python${request.shortVersion}`, request, env, cwd, tried) ?? fromPyenv(request, env, tried) ?? fromSystemDirs(request, tried);
  if (found) return found;
  fail('GI1001', [options.python, tried.join(', '), installedVersionList(env)]);
}

function readablePatchlevel(includeDir: string): HeaderVersion | undefined {
  try {
    return readPatchlevel(includeDir);
  } catch {
    return undefined;
  }
}

/** Every Python 3 with headers this machine has (pyenv versions, /usr/include, /usr/local/include), oldest first.
 * Runs no interpreter. */
export function findInstalledPythons(env: Record<string, string | undefined> = process.env): PythonInstall[] {
  const root = pyenvRoot(env);
  const found = new Map<string, PythonInstall>();
  const add = (includeDir: string, foundBy: string) => {
    const key = realpathOr(includeDir);
    if (found.has(key)) return;
    const header = readablePatchlevel(includeDir);
    if (header?.major !== 3) return;
    found.set(key, makeInstall([includeDir], header, foundBy, siblingInterpreter(includeDir, header.shortVersion)));
  };
  for (const version of installedPyenvVersions(root)) {
    if (!version.startsWith('3.')) continue;
    const includeDir = pythonIncludeSubdirs(join(pyenvVersionDir(root, version), 'include'))[0];
    if (includeDir) add(includeDir, 'pyenv');
  }
  for (const base of systemIncludeBases) for (const includeDir of pythonIncludeSubdirs(base)) add(includeDir, base);
  return [...found.values()].sort((a, b) => a.hexversion - b.hexversion || a.includeDirs[0]!.localeCompare(b.includeDirs[0]!));
}
