// Preprocessing directives (C11 §6.10): conditional inclusion, #define/#undef, #include,
// #error/#warning; #pragma, #line and #ident are accepted and dropped.

import type { Origin } from '../types.js';
import { diagnostic, fail } from '../diagnostics.js';
import { isDefined, headerName } from './builtins.js';
import { evaluateCondition } from './condition.js';
import { expandList } from './expand.js';
import { includeFile } from './include.js';
import { parseDefine, sameDefinition } from './macros.js';
import type { FileContext, State } from './state.js';
import type { Scanner } from './scanner.js';
import type { Token } from './token.js';

/**
 * Carries out the directive whose `#` `file` has just scanned; leaves the file after its line.
 * The line is read whole before anything is done, as tokens only where they are needed.
 */
export function runDirective(state: State, file: FileContext): void {
  const scanner = file.scanner;
  const origin: Origin = { file: scanner.file, line: scanner.line, column: scanner.column };
  if (!scanner.advanceInLine()) return; // null directive
  const name = scanner.text;
  if (scanner.kind === 'number') return scanner.skipRestOfLine(); // a line marker
  switch (name) {
    case 'define':
      return defineMacro(state, scanner.restOfLine());
    case 'undef': {
      const operand = macroNameOperand(scanner);
      if (operand === undefined) fail('GI2016', ['#undef needs a macro name'], origin);
      state.macros.delete(operand);
      return;
    }
    case 'include':
    case 'include_next':
      return includeDirective(state, scanner.restOfLine(), origin, name === 'include_next');
    case 'if':
      return openGroup(file, origin, evaluateCondition(state, scanner.restOfLine(), origin));
    case 'ifdef':
    case 'ifndef':
      return openGroup(file, origin, isDefined(state, macroName(macroNameOperand(scanner), name, origin)) === (name === 'ifdef'));
    case 'elif':
    case 'elifdef':
    case 'elifndef':
      return elseIfGroup(state, file, origin, name, scanner.restOfLine());
    case 'else': {
      scanner.skipRestOfLine();
      const group = innermostGroup(file, 'else', origin);
      group.sawElse = true;
      if (group.taken) scanner.skipGroup();
      else group.taken = true;
      return;
    }
    case 'endif':
      scanner.skipRestOfLine();
      innermostGroup(file, 'endif', origin);
      file.conditions.pop();
      return;
    case 'error':
      fail('GI2002', [spelling(scanner.restOfLine())], origin);
    case 'warning':
      state.diagnostics.push(diagnostic('GI2020', [spelling(scanner.restOfLine())], origin, 'warning'));
      return;
    case 'pragma':
      return pragma(state, file, scanner.restOfLine(), origin);
    case 'line':
    case 'ident':
    case 'sccs':
    case 'assert':
    case 'unassert':
      return scanner.skipRestOfLine();
    default:
      scanner.skipRestOfLine();
      fail('GI2012', [name], origin);
  }
}

/** The identifier after the directive name, if that is what comes next; the rest of the line is passed over. */
function macroNameOperand(scanner: Scanner): string | undefined {
  const operand = scanner.advanceInLine() && scanner.kind === 'identifier' ? scanner.text : undefined;
  scanner.skipRestOfLine();
  return operand;
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

function macroName(operand: string | undefined, directive: string, origin: Origin): string {
  if (operand === undefined) fail('GI2016', [`#${directive} needs a macro name`], origin);
  return operand;
}

function openGroup(file: FileContext, origin: Origin, included: boolean): void {
  file.conditions.push({ taken: included, sawElse: false, origin });
  if (!included) file.scanner.skipGroup();
}

function elseIfGroup(state: State, file: FileContext, origin: Origin, directive: string, args: Token[]): void {
  const group = innermostGroup(file, directive, origin);
  if (group.taken) return file.scanner.skipGroup();
  let included: boolean;
  if (directive === 'elif') included = evaluateCondition(state, args, origin);
  else included = isDefined(state, macroName(args[0]?.kind === 'identifier' ? args[0].text : undefined, directive, origin)) === (directive === 'elifdef');
  if (included) group.taken = true;
  else file.scanner.skipGroup();
}

function innermostGroup(file: FileContext, directive: string, origin: Origin) {
  const group = file.conditions[file.conditions.length - 1];
  if (group === undefined) fail('GI2004', [directive], origin);
  if (group.sawElse && directive !== 'endif') fail('GI2022', [directive], origin);
  return group;
}

/** #error and #warning text: the tokens as written, spaced as in the source. */
function spelling(tokens: readonly Token[]): string {
  return tokens.map((t, i) => (i > 0 && t.space ? ' ' : '') + t.text).join('');
}

function pragma(state: State, file: FileContext, args: Token[], origin: Origin): void {
  const first = args[0]?.text;
  // The layouts would follow it and gen-inc does not: an error, never a silently wrong offset.
  if (first === 'pack') fail('GI2023', [spelling(args)], origin);
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
