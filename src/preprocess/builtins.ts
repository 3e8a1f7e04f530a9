// The macros the compiler computes: __LINE__, __FILE__, __COUNTER__, __has_attribute(…),
// __has_builtin(…), and in #if lines the operators `defined` and __has_include(…).
// Answers about attributes and builtins come from the target, as gcc 12 gives them.

import { fail } from '../diagnostics.js';
import type { Macro } from './macros.js';
import { expandList } from './expand.js';
import { hasInclude } from './include.js';
import { expansionNotes, nextToken, sourceOrigin, type State } from './state.js';
import { Token, type TokenKind } from './token.js';

const anywhere = ['__LINE__', '__FILE__', '__BASE_FILE__', '__COUNTER__', '__INCLUDE_LEVEL__', '__has_attribute', '__has_c_attribute', '__has_cpp_attribute', '__has_builtin'];
const ifOnly = ['defined', '__has_include', '__has_include_next'];
const builtinMacros = new Map<string, Macro>(
  [...anywhere, ...ifOnly].map((name) => [
    name,
    { name, functionLike: false, params: [], variadic: false, body: [], paramIndex: [], expandedParams: [], pastes: false, source: 'predefined' },
  ]),
);

export function isBuiltinMacro(name: string): boolean {
  // Every builtin but `defined` starts with '_': most identifiers are told apart without a lookup.
  return name.charCodeAt(0) === 95 ? builtinMacros.has(name) : name === 'defined';
}

/** What `defined NAME` and #ifdef see: the table, plus the builtins (gcc: `#ifdef __has_include` holds). */
export function isDefined(state: State, name: string): boolean {
  return state.macros.has(name) || (builtinMacros.has(name) && name !== 'defined');
}

/** Expands a builtin invoked by `token`; returns undefined when it does not apply here. */
export function expandBuiltin(state: State, token: Token, ifMode: boolean): Macro | undefined {
  const name = token.text;
  const macro = builtinMacros.get(name);
  if (macro === undefined || (!ifMode && ifOnly.includes(name))) return undefined;
  const result = (kind: TokenKind, text: string) => {
    state.pushTokens([new Token(kind, text, token.file, token.line, token.column, token.space, false, token.hideset, { macro, invokedBy: token })]);
    return macro;
  };
  const where = sourceOrigin(token);
  switch (name) {
    case '__LINE__':
      return result('number', String(where.line));
    case '__FILE__':
      return result('string', JSON.stringify(where.file));
    case '__BASE_FILE__':
      return result('string', JSON.stringify(state.options.entryHeaders[0] ?? ''));
    case '__COUNTER__':
      return result('number', String(state.counter++));
    case '__INCLUDE_LEVEL__':
      return result('number', String(Math.max(0, state.includeDepth - 1)));
    case 'defined':
      return result('number', isDefined(state, definedOperand(state, token)) ? '1' : '0');
  }
  const operand = parenthesizedOperand(state, token);
  switch (name) {
    case '__has_include':
    case '__has_include_next':
      return result('number', hasInclude(state, includeOperand(state, operand, token), name === '__has_include_next', where) ? '1' : '0');
    case '__has_builtin':
      return result('number', state.hasBuiltin.has(identifierOperand(state, operand, token)) ? '1' : '0');
    default:
      return result('number', String(attributeValue(state, name, expandList(state, operand, false), token)));
  }
}

function definedOperand(state: State, token: Token): string {
  let operand = nextToken(state);
  const parenthesized = operand.text === '(';
  if (parenthesized) operand = nextToken(state);
  if (operand.kind !== 'identifier') fail('GI2005', ['operator "defined" requires an identifier'], sourceOrigin(token));
  if (parenthesized && nextToken(state).text !== ')') fail('GI2005', ["missing ')' after \"defined\""], sourceOrigin(token));
  return operand.text;
}

/** The tokens between `(` and the matching `)` after a builtin's name, unexpanded. */
function parenthesizedOperand(state: State, token: Token): Token[] {
  if (nextToken(state).text !== '(') fail('GI2005', [`missing '(' after "${token.text}"`], sourceOrigin(token), expansionNotes(token));
  const tokens: Token[] = [];
  let depth = 0;
  for (;;) {
    const next = nextToken(state);
    if (next.kind === 'eof') fail('GI2005', [`missing ')' after "${token.text}"`], sourceOrigin(token), expansionNotes(token));
    if (next.text === '(') depth++;
    else if (next.text === ')' && depth-- === 0) return tokens;
    tokens.push(next);
  }
}

function includeOperand(state: State, operand: Token[], token: Token): { name: string; angled: boolean } {
  const spec = headerName(operand) ?? headerName(expandList(state, operand, false));
  if (spec === undefined) fail('GI2017', [], sourceOrigin(token));
  return spec;
}

/** `"name"` or `< tokens >` as the header it names. */
export function headerName(tokens: readonly Token[]): { name: string; angled: boolean } | undefined {
  const first = tokens[0];
  if (first === undefined) return undefined;
  if (first.kind === 'string' && first.text.startsWith('"') && tokens.length === 1) return { name: first.text.slice(1, -1), angled: false };
  if (first.text !== '<') return undefined;
  let name = '';
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].text === '>') return i === tokens.length - 1 ? { name, angled: true } : undefined;
    name += (i > 1 && tokens[i].space ? ' ' : '') + tokens[i].text;
  }
  return undefined;
}

function identifierOperand(state: State, operand: Token[], token: Token): string {
  const expanded = expandList(state, operand, false);
  if (expanded.length !== 1 || expanded[0].kind !== 'identifier') {
    fail('GI2005', [`macro "${token.text}" requires an identifier`], sourceOrigin(token), expansionNotes(token));
  }
  return expanded[0].text;
}

/** gcc's answer: a standard attribute's date, 1 for a known GNU attribute, else 0. */
function attributeValue(state: State, builtin: string, operand: Token[], token: Token): number {
  // C has no `::` token before C23: `gnu::packed` arrives as gnu : : packed.
  const texts = operand.map((t) => t.text);
  const scoped = texts.length === 4 && texts[1] === ':' && texts[2] === ':' && !operand[2].space;
  const names = scoped ? [operand[0], operand[3]] : operand;
  if (!(texts.length === 1 || scoped) || names.some((t) => t.kind !== 'identifier')) {
    fail('GI2005', [`macro "${builtin}" requires an identifier`], sourceOrigin(token), expansionNotes(token));
  }
  const name = unwrapUnderscores(texts[texts.length - 1]);
  const known = state.hasAttribute.has(name) ? 1 : 0;
  if (scoped) return unwrapUnderscores(texts[0]) === 'gnu' ? known : 0;
  const standard = state.target.standardAttributes?.[name];
  if (builtin === '__has_c_attribute') return standard ?? 0;
  return standard ?? known;
}

function unwrapUnderscores(name: string): string {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__') ? name.slice(2, -2) : name;
}
