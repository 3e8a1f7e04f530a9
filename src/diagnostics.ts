// The one catalog of diagnostic messages. Code ranges: GI1xxx locate, GI2xxx preprocess,
// GI3xxx parse, GI4xxx resolve, GI5xxx model, GI6xxx emit and output, GI9xxx usage.
// Placeholders {0}, {1}, … are filled by `diagnostic()`.

import type { Diagnostic, Origin, Severity } from './types.js';

export const messages = {
  // locate
  GI1001: 'no Python {0} found; tried: {1}; versions found on this machine: {2}',
  GI1002: '{0} is not a Python interpreter: {1}',
  GI1003: 'include directory {0} has no patchlevel.h',
  GI1004: 'cannot read {0}: {1}',
  GI1005: 'include directory {0} holds Python {1}, not the requested {2}',

  // preprocess
  GI2001: "cannot find include file '{0}'",
  GI2002: '#error {0}',
  GI2003: 'unterminated #{0}',
  GI2004: '#{0} without #if',
  GI2005: 'invalid #if expression: {0}',
  GI2006: 'macro {0} invoked with {1} arguments, but takes {2}',
  GI2007: 'unterminated argument list invoking macro {0}',
  GI2008: "'#' is not followed by a macro parameter",
  GI2009: 'unterminated comment',
  GI2010: 'unterminated string or character literal',
  GI2011: 'include nesting deeper than {0}',
  GI2012: 'invalid preprocessing directive #{0}',
  GI2013: "'##' at either end of a macro body",
  GI2014: 'division by zero in #if',
  GI2015: 'macro {0} redefined differently',
  GI2016: 'invalid macro definition: {0}',
  GI2017: '#include expects "FILE" or <FILE>',
  GI2018: 'file {0} is not text',
  GI2019: 'limit exceeded: {0}',
  GI2023: '#pragma {0}: changing struct packing is not supported',
  GI2020: '#warning {0}',
  GI2021: 'pasting "{0}" and "{1}" does not give a valid preprocessing token',
  GI2022: '#{0} after #else',
  GI2024: 'cannot read include file {0}: {1}',

  // parse
  GI3001: 'syntax error in the preprocessed headers: {0}',
  GI3002: 'unknown type {0}',
  GI3003: 'unsupported declaration: {0}',

  // resolve
  GI4001: "unknown system type '{0}': the target '{1}' does not say how large it is",
  GI4002: 'not an integer constant expression: {0}',
  GI4003: 'field {0} has incomplete type {1}',
  GI4004: 'bit-field {0} is wider than its type',
  GI4005: 'unknown type name {0}',

  // model
  GI5001: 'constant {0} could not be evaluated: {1}',
  GI5002: 'name {0} is used by both {1} and {2}; only the first is emitted',
  GI5003: 'idiom {0} is not offered: {1}',

  // emit and output
  GI6001: 'cannot write {0}: {1}',
  GI6002: '--out {0} is not a directory',
  GI6003: 'the stable-ABI example module needs {0}, which the headers do not offer with Py_LIMITED_API={1}: use --limited-api 3.5 or later',
  GI6101: 'cannot read layout {0}: {1}',
  GI6102: '{0} is not a gen-inc layout.json: {1}',

  // usage
  GI9001: '{0}',
  GI9002: 'configuration {0}: {1}',
  GI9003: 'the headers nest declarations or expressions deeper than the {0} stage can follow',
} as const;

export type MessageCode = keyof typeof messages;

export function formatMessage(code: MessageCode, args: readonly (string | number)[]): string {
  return messages[code].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

export function diagnostic(
  code: MessageCode,
  args: readonly (string | number)[],
  origin?: Origin,
  severity: Severity = 'error',
  notes?: Diagnostic['notes'],
): Diagnostic {
  const d: Diagnostic = { code, severity, message: formatMessage(code, args) };
  if (origin) d.origin = origin;
  if (notes && notes.length > 0) d.notes = notes;
  return d;
}

/** Thrown by a stage when it cannot go on; carries the diagnostics that explain why. */
export class GenIncError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'GenIncError';
    this.diagnostics = diagnostics;
  }
}

export function fail(code: MessageCode, args: readonly (string | number)[], origin?: Origin, notes?: Diagnostic['notes']): never {
  throw new GenIncError([diagnostic(code, args, origin, 'error', notes)]);
}

/** file:line:column: severity: message [code], then its notes; the only place positions become text. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = (o?: Origin) => (o ? `${o.file}:${o.line}${o.column ? `:${o.column}` : ''}: ` : '');
  const lines = [`${where(d.origin)}${d.severity}: ${d.message} [${d.code}]`];
  for (const n of d.notes ?? []) lines.push(`  ${where(n.origin)}note: ${n.message}`);
  return lines.join('\n');
}
