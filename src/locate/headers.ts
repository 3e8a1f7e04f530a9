// What an include directory says about itself: the version in patchlevel.h, and (on Debian) the
// per-platform directory its pyconfig.h dispatches to.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { arch } from 'node:process';
import { fail } from '../diagnostics.js';

export interface HeaderVersion {
  /** PY_VERSION, e.g. '3.13.0' */
  version: string;
  /** '3.13' */
  shortVersion: string;
  major: number;
  minor: number;
  micro: number;
  hexversion: number;
}

const releaseLevelByName: Record<string, number> = {
  PY_RELEASE_LEVEL_ALPHA: 0xa,
  PY_RELEASE_LEVEL_BETA: 0xb,
  PY_RELEASE_LEVEL_GAMMA: 0xc,
  PY_RELEASE_LEVEL_FINAL: 0xf,
};

export function hasPatchlevel(includeDir: string): boolean {
  return existsSync(join(includeDir, 'patchlevel.h'));
}

/** Reads the version macros of `<includeDir>/patchlevel.h`; throws GI1003/GI1004 when it cannot. */
export function readPatchlevel(includeDir: string): HeaderVersion {
  const file = join(includeDir, 'patchlevel.h');
  if (!existsSync(file)) fail('GI1003', [includeDir]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail('GI1004', [file, (error as Error).message]);
  }
  const defines = new Map<string, string>();
  for (const match of text.matchAll(/^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+([^\n]*?)[ \t]*(?:\/\*.*)?$/gm)) {
    defines.set(match[1]!, match[2]!);
  }
  const integer = (name: string): number | undefined => {
    const body = defines.get(name);
    if (body !== undefined && releaseLevelByName[body] !== undefined) return releaseLevelByName[body];
    if (body === undefined || !/^(0x[0-9a-f]+|\d+)$/i.test(body)) return undefined;
    return Number(body);
  };
  const major = integer('PY_MAJOR_VERSION');
  const minor = integer('PY_MINOR_VERSION');
  const micro = integer('PY_MICRO_VERSION') ?? 0;
  if (major === undefined || minor === undefined) fail('GI1004', [file, 'no PY_MAJOR_VERSION / PY_MINOR_VERSION']);
  const level = integer('PY_RELEASE_LEVEL') ?? 0xf;
  const serial = integer('PY_RELEASE_SERIAL') ?? 0;
  const hexversion = integer('PY_VERSION_HEX') ?? ((major << 24) | (minor << 16) | (micro << 8) | (level << 4) | serial) >>> 0;
  const quoted = /^"([^"]*)"$/.exec(defines.get('PY_VERSION') ?? '');
  return {
    version: quoted ? quoted[1]! : `${major}.${minor}.${micro}`,
    shortVersion: `${major}.${minor}`,
    major,
    minor,
    micro,
    hexversion,
  };
}

const hostTriplets: Record<string, string> = { x64: 'x86_64-', arm64: 'aarch64-', ia32: 'i386-', arm: 'arm-' };

/**
 * Debian's pyconfig.h only `#include <x86_64-linux-gnu/python3.11/pyconfig.h>`s the real one. Those
 * platform directories (beside the include dir's parent, e.g. /usr/include) hold Python headers too.
 * Prefers the host's platform when several are installed.
 */
export function platformIncludeDirs(includeDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(includeDir, 'pyconfig.h'), 'utf8');
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const match of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*<([^>]+)\/pyconfig\.h>/gm)) {
    const candidate = join(dirname(includeDir), match[1]!);
    if (!found.includes(candidate) && existsSync(join(candidate, 'pyconfig.h'))) found.push(candidate);
  }
  const host = hostTriplets[arch];
  const forHost = host ? found.filter((dir) => dir.slice(dirname(includeDir).length + 1).startsWith(host)) : [];
  return forHost.length > 0 ? forHost : found;
}

/** The include dirs of one install: the given ones (deduplicated, in order) plus platform dirs. */
export function withPlatformDirs(includeDirs: string[]): string[] {
  const result: string[] = [];
  for (const dir of includeDirs) if (!result.includes(dir)) result.push(dir);
  for (const dir of includeDirs) {
    for (const platformDir of platformIncludeDirs(dir)) if (!result.includes(platformDir)) result.push(platformDir);
  }
  return result;
}

/** Subdirectories of `parent` named like Python include dirs (python3.13, python3.7m, python3.13t), each with patchlevel.h. */
export function pythonIncludeSubdirs(parent: string, shortVersion?: string): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const pattern = shortVersion ? new RegExp(`^python${shortVersion.replace('.', '\\.')}[a-z]*$`) : /^python3\.\d+[a-z]*$/;
  return names
    .filter((name) => pattern.test(name))
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
    .map((name) => join(parent, name))
    .filter(hasPatchlevel);
}
