// pyenv, read the way pyenv itself reads it, without running it: which version a shim would pick,
// and which installed versions match a requested one.
import { accessSync, constants, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

export function pyenvRoot(env: Env): string {
  return env.PYENV_ROOT || join(env.HOME || homedir(), '.pyenv');
}

export function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function isPyenvShimDir(dir: string, root: string): boolean {
  return realpathOr(dir) === realpathOr(join(root, 'shims'));
}

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readdirSafe(path: string): string[] | undefined {
  try {
    return readdirSync(path);
  } catch {
    return undefined;
  }
}

/** The words of a version file: the first word of each line, skipping comments and anything path-like. */
function readVersionFile(file: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const word = line.trim().split(/\s+/)[0] ?? '';
    if (word === '' || word.startsWith('#') || word.includes('/') || word === '..') continue;
    names.push(word);
  }
  return names;
}

/** The version names in effect, in pyenv's order: PYENV_VERSION, `.python-version` upward from the cwd, `$PYENV_ROOT/version`. */
export function selectedPyenvVersions(env: Env, cwd: string, root: string): { names: string[]; source: string } {
  if (env.PYENV_VERSION) return { names: env.PYENV_VERSION.split(':').filter(Boolean), source: 'PYENV_VERSION' };
  for (let dir = resolve(env.PYENV_DIR || cwd); ; dir = dirname(dir)) {
    const file = join(dir, '.python-version');
    const names = readVersionFile(file);
    if (names) return { names, source: file };
    if (dirname(dir) === dir) break;
  }
  const globalFile = join(root, 'version');
  return { names: readVersionFile(globalFile) ?? ['system'], source: globalFile };
}

/** Installed version directory names, e.g. ['3.6.15', '3.13.0', '3.13.0t']. */
export function installedPyenvVersions(root: string): string[] {
  return (readdirSafe(join(root, 'versions')) ?? []).filter((name) => !name.startsWith('.'));
}

/** Version names that start with `prefix` as a version (3.1 matches 3.1.4 and 3.1t, not 3.13), most preferred first:
 * plain releases (3.13.2) before suffixed builds (3.13.0t, 3.13-dev), higher patch first. */
export function pyenvVersionsMatching(names: string[], prefix: string): string[] {
  const escaped = prefix.replace(/\./g, '\\.');
  const matching = new RegExp(`^${escaped}(?![0-9])`);
  const plain = new RegExp(`^${escaped}(?:\\.\\d+)*$`);
  const patch = (name: string) => Number(/^\d+\.\d+\.(\d+)/.exec(name)?.[1] ?? -1);
  return names
    .filter((name) => matching.test(name))
    .sort((a, b) => Number(plain.test(b)) - Number(plain.test(a)) || patch(b) - patch(a) || a.localeCompare(b));
}

/** A version name as pyenv resolves it: an installed directory, without a `python-` prefix, or the latest with that prefix. */
function resolveVersionName(installed: string[], name: string): string | undefined {
  if (installed.includes(name)) return name;
  const bare = name.replace(/^python-/, '');
  if (installed.includes(bare)) return bare;
  return pyenvVersionsMatching(installed, bare)[0];
}

export interface ShimResolution {
  /** The interpreter the shim would run, when a selected version has the command. */
  interpreter?: string;
  /** Why it resolved (or did not), for GI1001's list of what was tried. */
  explanation: string;
}

/** What `pyenv exec <command>` would run, or nothing when no selected version has that command ('system' is left to PATH). */
export function resolveShim(command: string, env: Env, cwd: string, root: string): ShimResolution {
  const { names, source } = selectedPyenvVersions(env, cwd, root);
  const installed = installedPyenvVersions(root);
  for (const name of names) {
    if (name === 'system') continue;
    const version = resolveVersionName(installed, name);
    if (!version) continue;
    const interpreter = join(root, 'versions', version, 'bin', command);
    if (isExecutableFile(interpreter)) return { interpreter, explanation: `pyenv shim ${command} → ${interpreter} (${source})` };
  }
  return { explanation: `pyenv shim ${command} (versions ${names.join(':')} from ${source} have no ${command})` };
}

export function pyenvVersionDir(root: string, version: string): string {
  return join(root, 'versions', version);
}
