// Finding and reading included files. System headers are never read: the target supplies what
// they declare. A `<…>` include may also be found in the target's system include directories,
// but only a file that really lies inside a Python include directory is read (Debian keeps
// pyconfig.h under /usr/include/<triplet>/python3.X/).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Origin } from '../types.js';
import { fail } from '../diagnostics.js';
import { conditionalDirective } from './directives.js';
import { Frame, limits, type FileContext, type State } from './state.js';
import { tokenize, type Token } from './tokenize.js';

export interface SourceFile {
  path: string;
  tokens: Token[];
  /** the macro of an include guard wrapping the whole file, if there is one */
  guard?: string;
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
  if (path.isAbsolute(spec.name)) return isFile(state, spec.name) ? { path: spec.name, searchIndex: -1 } : undefined;
  if (after === undefined && !spec.angled && fromDir !== undefined) {
    const candidate = path.join(fromDir, spec.name);
    if (isFile(state, candidate)) return { path: candidate, searchIndex: -1 };
  }
  const { includeDirs, systemDirs } = searchPath(state);
  for (let i = after === undefined ? 0 : after + 1; i < includeDirs.length + systemDirs.length; i++) {
    const system = i >= includeDirs.length;
    // A header the target knows as a system header is never read from the system directories.
    if (system && ((!spec.angled && after === undefined) || state.systemHeaders.has(spec.name))) break;
    const candidate = path.join(system ? systemDirs[i - includeDirs.length] : includeDirs[i], spec.name);
    if (!isFile(state, candidate)) continue;
    if (system && !insidePythonIncludeDirs(state, candidate)) continue;
    return { path: candidate, searchIndex: i };
  }
  return undefined;
}

/** `__has_include`: resolvable, or a system header the target knows. */
export function hasInclude(state: State, spec: IncludeSpec, next: boolean): boolean {
  const file = currentFile(state);
  const found = findInclude(state, spec, file?.dir, next ? (file?.searchIndex ?? -1) : undefined);
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
 * is defined; otherwise starts reading the file. Throws GI2001 when it cannot be found.
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
  if (known?.guard !== undefined && state.macros.has(known.guard)) return;
  if (state.includeDepth >= limits.includeDepth) fail('GI2011', [limits.includeDepth], origin);
  const source = known ?? readSource(state, found.path, origin);
  state.includeDepth++;
  state.frames.push(new Frame(source.tokens, { source, dir: path.dirname(found.path), searchIndex: found.searchIndex, conditions: [] }));
}

function readSource(state: State, file: string, origin: Origin | undefined): SourceFile {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > limits.fileBytes) fail('GI2019', [`${file} is larger than ${limits.fileBytes} bytes`], origin);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof Error && 'code' in error) fail('GI2001', [`${file}: ${error.message}`], origin);
    throw error;
  }
  if (bytes.includes(0)) fail('GI2018', [file], origin);
  const tokens = tokenize(bytes.toString('utf8'), file);
  const source: SourceFile = { path: file, tokens };
  const guard = detectIncludeGuard(tokens);
  if (guard !== undefined) source.guard = guard;
  state.sources.set(file, source);
  return source;
}

function searchPath(state: State): { includeDirs: readonly string[]; systemDirs: readonly string[] } {
  return { includeDirs: state.options.install.includeDirs, systemDirs: state.target.systemIncludeDirs };
}

function isFile(state: State, candidate: string): boolean {
  let known = state.fileExists.get(candidate);
  if (known === undefined) {
    known = fs.statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false;
    state.fileExists.set(candidate, known);
  }
  return known;
}

function insidePythonIncludeDirs(state: State, candidate: string): boolean {
  const real = fs.realpathSync(candidate);
  return state.options.install.includeDirs.some((dir) => {
    const realDir = safeRealpath(dir);
    return realDir !== undefined && real.startsWith(realDir.endsWith('/') ? realDir : realDir + '/');
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
export function detectIncludeGuard(tokens: readonly Token[]): string | undefined {
  const guard = guardOpening(tokens);
  if (guard === undefined) return undefined;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const nesting = conditionalDirective(tokens, i);
    if (nesting === 'if') depth++;
    else if (nesting === 'else' && depth === 1) return undefined;
    else if (nesting === 'endif' && --depth === 0) {
      let end = i + 2;
      while (end < tokens.length && !tokens[end].bol) end++;
      return end === tokens.length ? guard : undefined;
    }
  }
  return undefined;
}

function guardOpening(tokens: readonly Token[]): string | undefined {
  const texts: string[] = [];
  for (let i = 1; i < tokens.length && !tokens[i].bol; i++) texts.push(tokens[i].text);
  if (tokens[0]?.text !== '#') return undefined;
  if (texts.length === 2 && texts[0] === 'ifndef') return texts[1];
  const line = texts.join(' ');
  const match = /^if ! defined (?:\( )?([A-Za-z_]\w*)(?: \))?$/.exec(line);
  return match && (match[0].includes('(') === match[0].includes(')')) ? match[1] : undefined;
}
