// Type names and member designators written as tokens, as casts, sizeof and offsetof in macro
// constants and array lengths spell them: 'unsigned long', 'PyObject *', 'struct _object',
// 'const char *', and 'ob_base.ob_type', 'tp_name', 'data[2]'.

import type { BuiltinTypeName, CType, FieldLayout, IntegerValue, RecordLayout, Target } from '../types.js';
import type { EvalEnv } from '../cexpr/index.js';
import { builtinFromWords, builtinTypeWords } from '../parse/builtin-types.js';
import { sizeOf, typeInfo } from './ctypes.js';

/** What a type name may refer to; implemented over a resolve in progress or a finished Resolved. */
export interface TypeScope {
  builtin(name: BuiltinTypeName): CType;
  pointerTo(type: CType): CType;
  arrayOf(type: CType, length: number): CType;
  /** a typedef or system type name, without reporting unknown names */
  typedef(name: string): CType | undefined;
  tagged(kind: 'struct' | 'union' | 'enum', tag: string): CType | undefined;
  /** the laid-out record, laying it out first when needed */
  record(id: number): RecordLayout | undefined;
  /** an array index in a designator */
  evaluateIndex(tokens: string[]): number | undefined;
}

/** The evaluator's view of a scope: enum constants, type names for casts and sizeof, offsetof. */
export function typedEnv(scope: TypeScope, target: Target, identifier: (name: string) => IntegerValue | undefined): EvalEnv {
  return {
    mode: 'typed',
    charSigned: target.charSigned,
    identifier,
    typeName: (tokens) => {
      const type = typeFromTokens(tokens, scope);
      return type ? typeInfo(type) : undefined;
    },
    offsetOf: (type, member) => {
      const record = typeFromTokens(type, scope);
      return record ? offsetOfDesignator(record, member, scope) : undefined;
    },
  };
}

const ignoredWords = new Set(['const', 'volatile', 'restrict', '__restrict', '__restrict__', '__extension__']);

/** The type `tokens` spell, or undefined when they spell no type (an expression in parentheses). */
export function typeFromTokens(tokens: readonly string[], scope: TypeScope): CType | undefined {
  let index = 0;
  const words: string[] = [];
  let base: CType | undefined;
  for (; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (ignoredWords.has(token)) continue;
    if (builtinTypeWords.has(token)) {
      if (base) return undefined;
      words.push(token);
    } else if (token === 'struct' || token === 'union' || token === 'enum') {
      if (base || words.length > 0) return undefined;
      base = scope.tagged(token, tokens[++index] ?? '');
      if (!base) return undefined;
    } else if (/^[A-Za-z_]\w*$/.test(token) && !base && words.length === 0) {
      base = scope.typedef(token);
      if (!base) return undefined;
    } else {
      break;
    }
  }
  if (!base) {
    const name = builtinFromWords(words);
    if (!name) return undefined;
    base = scope.builtin(name);
  }
  return abstractDeclarator(tokens.slice(index), base, scope);
}

/** `*`, `* const`, `[N]` after the specifiers; anything else is not handled. */
function abstractDeclarator(tokens: readonly string[], base: CType, scope: TypeScope): CType | undefined {
  let type = base;
  let index = 0;
  for (; index < tokens.length && (tokens[index] === '*' || ignoredWords.has(tokens[index]!)); index++) {
    if (tokens[index] === '*') type = scope.pointerTo(type);
  }
  const dimensions: number[] = [];
  while (tokens[index] === '[') {
    const close = tokens.indexOf(']', index);
    const length = close > index ? scope.evaluateIndex(tokens.slice(index + 1, close) as string[]) : undefined;
    if (length === undefined) return undefined;
    dimensions.push(length);
    index = close + 1;
  }
  if (index !== tokens.length) return undefined;
  for (let d = dimensions.length - 1; d >= 0; d--) type = scope.arrayOf(type, dimensions[d]!);
  return type;
}

/** The byte offset a member designator (`a.b[2].c`) names inside `type`. */
export function offsetOfDesignator(type: CType, designator: readonly string[], scope: TypeScope): number | undefined {
  let current = type;
  let offset = 0;
  let index = 0;
  while (index < designator.length) {
    const token = designator[index]!;
    if (token === '.' && index > 0) {
      index++;
      continue;
    }
    if (token === '[') {
      const close = designator.indexOf(']', index);
      if (current.kind !== 'array' || close < 0) return undefined;
      const element = scope.evaluateIndex(designator.slice(index + 1, close) as string[]);
      if (element === undefined) return undefined;
      offset += element * sizeOf(current.of);
      current = current.of;
      index = close + 1;
      continue;
    }
    if (current.kind !== 'record') return undefined;
    const record = scope.record(current.id);
    const found = record ? findMember(record, token, scope) : undefined;
    if (!found) return undefined;
    offset += found.offset;
    current = found.field.type;
    index++;
  }
  return offset;
}

/** A member by name, looking inside anonymous struct and union members as C does. */
export function findMember(record: RecordLayout, name: string, scope: Pick<TypeScope, 'record'>): { field: FieldLayout; offset: number } | undefined {
  for (const field of record.fields) {
    if (field.name === name) return { field, offset: field.offset };
    if (field.name === undefined && field.bitWidth === undefined && field.type.kind === 'record') {
      const inner = scope.record(field.type.id);
      const found = inner ? findMember(inner, name, scope) : undefined;
      if (found) return { field: found.field, offset: field.offset + found.offset };
    }
  }
  return undefined;
}
