// Macro definitions: parsing a #define line, the initial table (compiler, system, command line),
// and the exported form of a definition.

import type { MacroDefinition, MacroOption, Origin, Target } from '../types.js';
import { fail } from '../diagnostics.js';
import { tokenize } from './scanner.js';
import { isHash, isHashHash, sourceToken, type Token } from './token.js';

export interface Macro {
  readonly name: string;
  readonly functionLike: boolean;
  /** Parameter names; when variadic the last one is the variadic parameter ('__VA_ARGS__' for `...`). */
  readonly params: readonly string[];
  readonly variadic: boolean;
  readonly body: readonly Token[];
  /** For each body token, the index of the parameter it names, or -1. */
  readonly paramIndex: readonly number[];
  /** the parameters whose arguments are macro-expanded (named in the body, not next to `#` or `##`), in body order */
  readonly expandedParams: readonly number[];
  /** the body has a `##` operator */
  readonly pastes: boolean;
  readonly origin?: Origin;
  readonly source: MacroDefinition['source'];
}

const VA_ARGS = '__VA_ARGS__';
export const VA_OPT = '__VA_OPT__';

/** Parses the tokens of a #define after the directive name. Throws GI2016/GI2008/GI2013. */
export function parseDefine(tokens: readonly Token[], source: Macro['source'], withOrigin: boolean): Macro {
  const nameToken = tokens[0];
  const where = nameToken ? { file: nameToken.file, line: nameToken.line, column: nameToken.column } : undefined;
  if (nameToken === undefined || nameToken.kind !== 'identifier') fail('GI2016', ['macro name missing'], where);
  if (nameToken.text === 'defined') fail('GI2016', ['"defined" cannot be used as a macro name'], where);
  const name = nameToken.text;
  let index = 1;
  let functionLike = false;
  const params: string[] = [];
  let variadic = false;
  const open = tokens[1];
  if (open !== undefined && open.text === '(' && !open.space) {
    functionLike = true;
    index = 2;
    for (;;) {
      const token = tokens[index++];
      if (token === undefined) fail('GI2016', [`missing ')' in parameter list of ${name}`], where);
      if (token.text === ')' && params.length === 0 && !variadic) break;
      if (token.text === '...') {
        variadic = true;
        params.push(VA_ARGS);
      } else if (token.kind === 'identifier' && token.text !== VA_ARGS && !params.includes(token.text)) {
        params.push(token.text);
        if (tokens[index]?.text === '...') {
          variadic = true;
          index++;
        }
      } else {
        fail('GI2016', [`bad parameter '${token.text}' in ${name}`], where);
      }
      const separator = tokens[index++];
      if (separator?.text === ')') break;
      if (separator?.text !== ',' || variadic) fail('GI2016', [`expected ',' or ')' in parameter list of ${name}`], where);
    }
  }
  const body = tokens.slice(index);
  const paramIndex = new Array<number>(body.length);
  let pastes = false;
  for (let i = 0; i < body.length; i++) {
    const token = body[i];
    paramIndex[i] = functionLike && token.kind === 'identifier' ? params.indexOf(token.text) : -1;
    if (isHashHash(token)) pastes = true;
  }
  if (body.length > 0 && (isHashHash(body[0]) || isHashHash(body[body.length - 1]))) fail('GI2013', [], where);
  if (functionLike) checkBody(name, body, paramIndex, variadic, where);
  const expandedParams = functionLike ? expandedParameters(body, paramIndex) : [];
  return { name, functionLike, params, variadic, body, paramIndex, expandedParams, pastes, origin: withOrigin ? where : undefined, source };
}

/** See Macro.expandedParams. */
function expandedParameters(body: readonly Token[], paramIndex: readonly number[]): number[] {
  const expanded: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const param = paramIndex[i];
    if (param < 0 || expanded.includes(param)) continue;
    const raw = (i > 0 && (isHash(body[i - 1]) || isHashHash(body[i - 1]))) || (i + 1 < body.length && isHashHash(body[i + 1]));
    if (!raw) expanded.push(param);
  }
  return expanded;
}

function checkBody(name: string, body: readonly Token[], paramIndex: readonly number[], variadic: boolean, where: Origin | undefined): void {
  for (let i = 0; i < body.length; i++) {
    const text = body[i].text;
    if (isHash(body[i])) {
      const operand = body[i + 1];
      if (operand === undefined || (paramIndex[i + 1] < 0 && !(variadic && operand.text === VA_OPT))) {
        fail('GI2008', [], where);
      }
    } else if (text === VA_OPT && variadic) {
      if (body[i + 1]?.text !== '(') fail('GI2016', [`__VA_OPT__ without '(' in ${name}`], where);
    }
  }
}

/** Two definitions are the same when kind, parameters and replacement lists (with their spacing) match. */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.functionLike !== b.functionLike || a.variadic !== b.variadic || a.body.length !== b.body.length) return false;
  if (a.params.length !== b.params.length || a.params.some((p, i) => p !== b.params[i])) return false;
  return a.body.every((t, i) => t.text === b.body[i].text && (i === 0 || t.space === b.body[i].space));
}

const plainName = /^[A-Za-z_$][\w$]*$/;
/** One identifier, or one pp-number without a sign or a quote. */
const singleToken = /^(?:[A-Za-z_$][\w$]*|[0-9][\w.]*)$/;

/** A macro given as data: key 'NAME' or 'NAME(a, b)', value the replacement list. */
export function macroFromText(key: string, value: string, source: Macro['source']): Macro {
  const file = `<${source}>`;
  // Most target macros are `NAME value-token`: made directly, as the scanner would make them.
  if (key !== 'defined' && plainName.test(key) && (value === '' || singleToken.test(value))) {
    const kind = value.charCodeAt(0) <= 0x39 ? 'number' : 'identifier';
    const body = value === '' ? [] : [sourceToken(kind, value, file, 1, key.length + 2, true, false)];
    return { name: key, functionLike: false, params: [], variadic: false, body, paramIndex: body.map(() => -1), expandedParams: [], pastes: false, origin: undefined, source };
  }
  return parseDefine(tokenize(`${key} ${value}`, file), source, false);
}

/** The target's macros, parsed once per target object (macros are immutable). */
const targetMacros = new WeakMap<Target, Macro[]>();

/** The macro table before the first header: compiler, then system, then -D/-U in order. */
export function initialMacros(target: Target, defines: readonly MacroOption[]): Map<string, Macro> {
  let fromTarget = targetMacros.get(target);
  if (fromTarget === undefined) {
    fromTarget = [
      ...Object.entries(target.predefinedMacros).map(([key, value]) => macroFromText(key, value, 'predefined')),
      ...Object.entries(target.systemMacros).map(([key, value]) => macroFromText(key, value, 'system')),
    ];
    targetMacros.set(target, fromTarget);
  }
  const table = new Map<string, Macro>();
  const add = (macro: Macro) => {
    table.delete(macro.name);
    table.set(macro.name, macro);
  };
  for (let i = 0; i < fromTarget.length; i++) add(fromTarget[i]);
  for (const option of defines) {
    if (option.kind === 'define') add(macroFromText(option.name, option.value, 'command-line'));
    else table.delete(option.name);
  }
  return table;
}

/** The exported form; `expansion` is filled in by the caller for object-like macros. */
export function toMacroDefinition(macro: Macro, expansion: string[] | undefined): MacroDefinition {
  const definition: MacroDefinition = {
    name: macro.name,
    functionLike: macro.functionLike,
    params: macro.params.slice(),
    variadic: macro.variadic,
    body: bodyText(macro.body),
    source: macro.source,
  };
  if (macro.origin) definition.origin = macro.origin;
  if (expansion) definition.expansion = expansion;
  return definition;
}

/** The replacement list as exported: the token texts joined by single spaces. */
function bodyText(body: readonly Token[]): string {
  if (body.length === 0) return '';
  let text = body[0].text;
  for (let i = 1; i < body.length; i++) text += ' ' + body[i].text;
  return text;
}
