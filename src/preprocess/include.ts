// Finding and reading included files. System headers are never read: the target supplies what
// they declare. A `<…>` include may also be found in the target's system include directories,
// but only a file that really lies inside a Python include directory is read (Debian keeps
// pyconfig.h under /usr/include/<triplet>/python3.X/).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Origin } from '../types.js';
import { fail } from '../diagnostics.js';
import { asDirectory } from '../header-paths.js';
import { fileFrame, limits, type FileContext, type State } from './state.js';
import { removeSplices, Scanner, type SplicedText } from './scanner.js';
import { isHash, type Token } from './token.js';

export interface SourceFile extends SplicedText {
  path: string;
  /**
   * The macro of an include guard wrapping the whole file, null when there is none; found when
   * the file is included a second time.
   */
  guard?: string | null;
}

export interface IncludeSpec {
  name: string;
  angled: boolean;
}

interface Found {
  path: string;
  searchIndex: number;
}

/**
 * Where `#include` finds `spec` from a file in `fromDir`: "…" looks next to the includer first;
 * then the Python include dirs; then (for <…>) the system dirs, keeping only Python files.
 * `after` restarts the search after that search-path index (#include_next).
 */
export function findInclude(state: State, spec: IncludeSpec, fromDir: string | undefined, after?: number): Found | undefined {
  if (path.isAbsolute(spec.name)) return stopsSearch(state, spec.name) ? { path: spec.name, searchIndex: -1 } : undefined;
  if (after === undefined && !spec.angled && fromDir !== undefined) {
    const candidate = path.join(fromDir, spec.name);
    if (stopsSearch(state, candidate)) return { path: candidate, searchIndex: -1 };
  }
  const { includeDirs, systemDirs } = searchPath(state);
  for (let i = after === undefined ? 0 : after + 1; i < includeDirs.length + systemDirs.length; i++) {
    const system = i >= includeDirs.length;
    // A header the target knows as a system header is never read from the system directories.
    if (system && ((!spec.angled && after === undefined) || state.systemHeaders.has(spec.name))) break;
    const candidate = path.join(system ? systemDirs[i - includeDirs.length] : includeDirs[i], spec.name);
    if (!stopsSearch(state, candidate)) continue;
    if (system && !insidePythonIncludeDirs(state, candidate)) continue;
    return { path: candidate, searchIndex: i };
  }
  return undefined;
}

/**
 * `__has_include`: resolvable, or a system header the target knows. Like gcc, which opens what it
 * finds, throws GI2024 when what it finds cannot be read.
 */
export function hasInclude(state: State, spec: IncludeSpec, next: boolean, origin: Origin): boolean {
  const file = currentFile(state);
  const found = findInclude(state, spec, file?.dir, next ? (file?.searchIndex ?? -1) : undefined);
  if (found !== undefined && !state.sources.has(found.path)) {
    try {
      fs.closeSync(fs.openSync(found.path, 'r'));
    } catch (error) {
      failUnreadable(found.path, error, origin);
    }
  }
  return found !== undefined || state.systemHeaders.has(spec.name);
}

/** The innermost file being read. */
export function currentFile(state: State): FileContext | undefined {
  for (let i = state.frames.length - 1; i >= 0; i--) {
    const file = state.frames[i].file;
    if (file !== undefined) return file;
  }
  return undefined;
}

/**
 * Carries out an include: skips a system header, a #pragma once file or a guarded file whose guard
 * is defined; otherwise starts reading the file. Throws GI2001 when it cannot be found, GI2024
 * when it cannot be read.
 */
export function includeFile(state: State, spec: IncludeSpec, origin: Origin | undefined, next: boolean): void {
  const from = currentFile(state);
  const found = findInclude(state, spec, from?.dir, next ? (from?.searchIndex ?? -1) : undefined);
  if (found === undefined) {
    if (state.systemHeaders.has(spec.name)) return;
    fail('GI2001', [spec.name], origin);
  }
  if (state.onceFiles.has(found.path)) return;
  const known = state.sources.get(found.path);
  if (known !== undefined) {
    if (known.guard === undefined) known.guard = detectIncludeGuard(known) ?? null;
    if (known.guard !== null && state.macros.has(known.guard)) return;
  }
  if (state.includeDepth >= limits.includeDepth) fail('GI2011', [limits.includeDepth], origin);
  const source = known ?? readSource(state, found.path, origin);
  state.includeDepth++;
  const scanner = new Scanner(source.path, source);
  state.frames.push(fileFrame({ source, scanner, dir: path.dirname(found.path), searchIndex: found.searchIndex, conditions: [] }));
}

function readSource(state: State, file: string, origin: Origin | undefined): SourceFile {
  // stays undefined for a file over the size limit
  let bytes: Buffer | undefined;
  try {
    const known = state.fileSizes.get(file);
    // What the search could not look at is looked at again, for the reason.
    const size = known === undefined || known === unreadable ? fs.statSync(file).size : known;
    if (size <= limits.fileBytes) bytes = fs.readFileSync(file);
  } catch (error) {
    failUnreadable(file, error, origin);
  }
  if (bytes === undefined) fail('GI2019', [`${file} is larger than ${limits.fileBytes} bytes`], origin);
  if (bytes.includes(0)) fail('GI2018', [file], origin);
  const { text, splices } = removeSplices(bytes.toString('utf8'));
  const source: SourceFile = { path: file, text, splices };
  state.sources.set(file, source);
  return source;
}

function searchPath(state: State): { includeDirs: readonly string[]; systemDirs: readonly string[] } {
  return { includeDirs: state.options.install.includeDirs, systemDirs: state.target.systemIncludeDirs };
}

/** GI2024 for `file`, with the reason the system gave (without Node's code, call and path around it). */
function failUnreadable(file: string, error: unknown, origin: Origin | undefined): never {
  if (!(error instanceof Error && 'code' in error)) throw error;
  const reason = /^[A-Z0-9_]+: (.+?)(?:, [a-z_]+(?: '.*')?)?$/s.exec(error.message)?.[1] ?? error.message;
  fail('GI2024', [file, reason], origin);
}

/** fileSizes: nothing that can be included is there (the search goes on) */
const absent = -1;
/** fileSizes: something is there but cannot be looked at; gcc stops the search and says why */
const unreadable = -2;

/**
 * Whether the search for a header stops at `candidate`, as gcc's does: at a regular file, and at
 * a name that cannot be looked at (a symbolic link loop, a directory without search permission),
 * which is reported when it is read. A directory or a missing file lets the search go on.
 */
function stopsSearch(state: State, candidate: string): boolean {
  let size = state.fileSizes.get(candidate);
  if (size === undefined) {
    size = candidateSize(candidate);
    state.fileSizes.set(candidate, size);
  }
  return size !== absent;
}

function candidateSize(candidate: string): number {
  try {
    const stats = fs.statSync(candidate, { throwIfNoEntry: false });
    return stats?.isFile() ? stats.size : absent;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? absent : unreadable;
  }
}

function insidePythonIncludeDirs(state: State, candidate: string): boolean {
  const real = safeRealpath(candidate);
  if (real === undefined) return false;
  return state.options.install.includeDirs.some((dir) => {
    const realDir = safeRealpath(dir);
    return realDir !== undefined && real.startsWith(asDirectory(realDir));
  });
}

function safeRealpath(dir: string): string | undefined {
  try {
    return fs.realpathSync(dir);
  } catch {
    return undefined;
  }
}

/**
 * The macro X when the file is `#ifndef X` (or `#if !defined X`) … `#endif` with nothing outside;
 * a second include of it is skipped while X is defined.
 */
export function detectIncludeGuard(source: SourceFile): string | undefined {
  const scanner = new Scanner(source.path, source);
  const hash = scanner.next();
  if (hash === undefined || !isHash(hash)) return undefined;
  const guard = guardOpening(scanner.restOfLine());
  if (guard === undefined) return undefined;
  scanner.skipGroup();
  if (scanner.next() === undefined || scanner.restOfLine()[0]?.text !== 'endif') return undefined;
  return scanner.next() === undefined ? guard : undefined;
}

function guardOpening(line: readonly Token[]): string | undefined {
  const texts = line.map((t) => t.text);
  if (texts.length === 2 && texts[0] === 'ifndef') return texts[1];
  const match = /^if ! defined (?:\( )?([A-Za-z_]\w*)(?: \))?$/.exec(texts.join(' '));
  return match && (match[0].includes('(') === match[0].includes(')')) ? match[1] : undefined;
}
