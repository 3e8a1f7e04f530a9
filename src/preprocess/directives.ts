// Preprocessing directives (C11 §6.10): conditional inclusion, #define/#undef, #include,
// #error/#warning; #pragma, #line and #ident are accepted and dropped.

import type { Origin } from '../types.js';
import { diagnostic, fail } from '../diagnostics.js';
import { isDefined, headerName } from './builtins.js';
import { evaluateCondition } from './condition.js';
import { expandList } from './expand.js';
import { includeFile } from './include.js';
import { parseDefine, sameDefinition } from './macros.js';
import type { FileContext, Frame, State } from './state.js';
import type { Token } from './tokenize.js';

/** Carries out the directive whose `#` was just read from `frame`; leaves `frame.pos` after its line. */
export function runDirective(state: State, frame: Frame, file: FileContext): void {
  const hash = frame.tokens[frame.pos - 1];
  const line = restOfLine(frame);
  const nameToken = line[0];
  if (nameToken === undefined || nameToken.kind === 'number') return; // null directive, or a line marker
  const origin: Origin = { file: hash.file, line: hash.line, column: hash.column };
  const args = line.slice(1);
  switch (nameToken.text) {
    case 'define':
      return defineMacro(state, args);
    case 'undef':
      if (args[0]?.kind !== 'identifier') fail('GI2016', ['#undef needs a macro name'], origin);
      state.macros.delete(args[0].text);
      return;
    case 'include':
    case 'include_next':
      return includeDirective(state, args, origin, nameToken.text === 'include_next');
    case 'if':
      return openGroup(frame, file, origin, evaluateCondition(state, args, origin));
    case 'ifdef':
    case 'ifndef':
      return openGroup(frame, file, origin, isDefined(state, macroName(args, nameToken.text, origin)) === (nameToken.text === 'ifdef'));
    case 'elif':
    case 'elifdef':
    case 'elifndef':
      return elseIfGroup(state, frame, file, origin, nameToken.text, args);
    case 'else': {
      const group = innermostGroup(file, 'else', origin);
      group.sawElse = true;
      if (group.taken) skipGroup(frame);
      else group.taken = true;
      return;
    }
    case 'endif':
      innermostGroup(file, 'endif', origin);
      file.conditions.pop();
      return;
    case 'error':
      fail('GI2002', [spelling(args)], origin);
    case 'warning':
      state.diagnostics.push(diagnostic('GI2020', [spelling(args)], origin, 'warning'));
      return;
    case 'pragma':
      return pragma(state, file, args);
    case 'line':
    case 'ident':
    case 'sccs':
    case 'assert':
    case 'unassert':
      return;
    default:
      fail('GI2012', [nameToken.text], origin);
  }
}

/** The tokens after the `#` up to the end of the logical line. */
function restOfLine(frame: Frame): Token[] {
  const tokens = frame.tokens;
  const start = frame.pos;
  let end = start;
  while (end < tokens.length && !tokens[end].bol) end++;
  frame.pos = end;
  return tokens.slice(start, end) as Token[];
}

function defineMacro(state: State, args: Token[]): void {
  const macro = parseDefine(args, 'header', true);
  const previous = state.macros.get(macro.name);
  if (previous !== undefined && !sameDefinition(previous, macro)) {
    const notes = previous.origin ? [{ message: 'previous definition', origin: previous.origin }] : [{ message: `previous definition: ${previous.source}` }];
    state.diagnostics.push(diagnostic('GI2015', [macro.name], macro.origin, 'warning', notes));
  }
  state.macros.set(macro.name, macro);
}

function includeDirective(state: State, args: Token[], origin: Origin, next: boolean): void {
  const spec = headerName(args) ?? headerName(expandList(state, args, false));
  if (spec === undefined) fail('GI2017', [], origin);
  includeFile(state, spec, origin, next);
}

function macroName(args: Token[], directive: string, origin: Origin): string {
  if (args[0]?.kind !== 'identifier') fail('GI2016', [`#${directive} needs a macro name`], origin);
  return args[0].text;
}

function openGroup(frame: Frame, file: FileContext, origin: Origin, included: boolean): void {
  file.conditions.push({ taken: included, sawElse: false, origin });
  if (!included) skipGroup(frame);
}

function elseIfGroup(state: State, frame: Frame, file: FileContext, origin: Origin, directive: string, args: Token[]): void {
  const group = innermostGroup(file, directive, origin);
  if (group.taken) return skipGroup(frame);
  let included: boolean;
  if (directive === 'elif') included = evaluateCondition(state, args, origin);
  else included = isDefined(state, macroName(args, directive, origin)) === (directive === 'elifdef');
  if (included) group.taken = true;
  else skipGroup(frame);
}

function innermostGroup(file: FileContext, directive: string, origin: Origin) {
  const group = file.conditions[file.conditions.length - 1];
  if (group === undefined) fail('GI2004', [directive], origin);
  if (group.sawElse && directive !== 'endif') fail('GI2022', [directive], origin);
  return group;
}

type Nesting = 'if' | 'else' | 'endif';
const nestingOf = new Map<string, Nesting>([
  ['if', 'if'], ['ifdef', 'if'], ['ifndef', 'if'],
  ['elif', 'else'], ['elifdef', 'else'], ['elifndef', 'else'], ['else', 'else'],
  ['endif', 'endif'],
]);

/** What the line starting at tokens[i] does to #if nesting, if it is a conditional directive. */
export function conditionalDirective(tokens: readonly Token[], i: number): Nesting | undefined {
  const token = tokens[i];
  if (!token.bol || token.text !== '#' || token.kind !== 'punctuator') return undefined;
  const name = tokens[i + 1];
  return name === undefined || name.bol ? undefined : nestingOf.get(name.text);
}

/**
 * Moves `frame.pos` to the `#` of the #elif/#else/#endif that ends the current group, or to the end
 * of the file (where the open group is reported).
 */
function skipGroup(frame: Frame): void {
  const tokens = frame.tokens;
  let depth = 0;
  for (let i = frame.pos; i < tokens.length; i++) {
    const nesting = conditionalDirective(tokens, i);
    if (nesting === undefined) continue;
    if (nesting === 'if') depth++;
    else if (depth > 0) {
      if (nesting === 'endif') depth--;
    } else {
      frame.pos = i;
      return;
    }
  }
  frame.pos = tokens.length;
}

/** #error and #warning text: the tokens as written, spaced as in the source. */
function spelling(tokens: readonly Token[]): string {
  return tokens.map((t, i) => (i > 0 && t.space ? ' ' : '') + t.text).join('');
}

function pragma(state: State, file: FileContext, args: Token[]): void {
  const first = args[0]?.text;
  if (first === 'once') {
    state.onceFiles.add(file.source.path);
    return;
  }
  if ((first === 'push_macro' || first === 'pop_macro') && args[1]?.text === '(' && args[2]?.kind === 'string') {
    const name = args[2].text.slice(1, -1);
    let stack = state.pushedMacros.get(name);
    if (first === 'push_macro') {
      if (stack === undefined) state.pushedMacros.set(name, (stack = []));
      stack.push(state.macros.get(name));
      return;
    }
    if (stack === undefined || stack.length === 0) return;
    const saved = stack.pop();
    if (saved === undefined) state.macros.delete(name);
    else state.macros.set(name, saved);
  }
}
