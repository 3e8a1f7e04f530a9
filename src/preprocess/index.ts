// preprocess: header files → one expanded text with line origins + the final macro table.
//
// The translation unit is `#include "<h>"` for each entry header. Text format of the result, for
// the parse stage: tokens after macro expansion joined by single spaces, every line ended by '\n';
// `lineOrigins[i]` is the source line output line i comes from. A new output line starts where a
// logical source line starts, and, as gcc -E lays lines out, where a token read from a file sits on
// another physical line than the output line so far and follows whitespace (a multi-line comment,
// a line splice) or a macro invocation. So a macro invocation whose arguments span lines stays on
// the line of its name, and what follows its ')' goes on the line of the ')'. Directives produce
// no line; `#pragma` and `_Pragma(…)` are dropped.

import type { MacroDefinition, PreprocessOptions, Preprocessed } from '../types.js';
import { GenIncError, fail } from '../diagnostics.js';
import { expandList, expandMacroAt } from './expand.js';
import { isBuiltinMacro } from './builtins.js';
import { includeFile } from './include.js';
import { initialMacros, toMacroDefinition, type Macro } from './macros.js';
import { OutputBuilder } from './output.js';
import { limits, nextToken, scanFile, Scanned, State } from './state.js';
import { tokenize } from './scanner.js';
import { Token } from './token.js';
import { HideSet } from './hideset.js';

/** The macro table behind each result, for expandText. */
const finalTables = new WeakMap<Preprocessed, { options: PreprocessOptions; macros: Map<string, Macro> }>();

export function preprocess(options: PreprocessOptions): Preprocessed {
  const state = new State(options, initialMacros(options.target, options.defines));
  const output = new OutputBuilder();
  for (const header of options.entryHeaders) {
    includeFile(state, { name: header, angled: false }, undefined, false);
    translate(state, output);
  }
  const text = output.finish();
  const result: Preprocessed = {
    text,
    lineOrigins: output.lineOrigins,
    expansions: output.expansions,
    macros: finalMacros(state),
    files: [...state.sources.keys()],
    diagnostics: state.diagnostics,
  };
  finalTables.set(result, { options, macros: state.macros });
  return result;
}

/**
 * Macro-expands a piece of C text against the final macro table of `preprocessed`, as token texts
 * (e.g. 'PyObject_HEAD_INIT(p)'). Throws GenIncError when the text invokes a macro wrongly.
 */
export function expandText(preprocessed: Preprocessed, text: string): string[] {
  const table = finalTables.get(preprocessed);
  if (table === undefined) throw new Error('expandText needs a result returned by preprocess() in this process');
  const state = new State(table.options, table.macros);
  return expandList(state, tokenize(text, '<text>'), false).map((t) => t.text);
}

/** Reads everything pushed on the input, expanding macros, and emits the result. */
function translate(state: State, output: OutputBuilder): void {
  const frames = state.frames;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    let token: Token;
    if (frame.file !== undefined) {
      // Straight from a file: most tokens invoke no macro and go to the output without a Token.
      if (scanFile(state, frame.file) !== Scanned.Token) continue;
      const scanner = frame.file.scanner;
      if (scanner.kind !== 'identifier' || !mayExpand(state, scanner.text)) {
        output.emitSource(scanner);
        continue;
      }
      token = scanner.token();
    } else {
      // From a macro's expansion: likewise, a token that invokes no macro needs no copy.
      if (frame.expansion !== undefined && frame.pos < frame.tokens.length) {
        const next = frame.tokens[frame.pos];
        if (next.kind !== 'unterminated' && (next.kind !== 'identifier' || !mayExpand(state, next.text))) {
          frame.pos++;
          output.emitExpanded(next.text, frame.expansion);
          continue;
        }
      }
      token = nextToken(state);
      if (token.kind === 'eof') continue;
    }
    if (token.kind === 'identifier') {
      if (token.text === '_Pragma' && skipPragmaOperator(state)) continue;
      const fromSource = token.expansion === undefined;
      const macro = expandMacroAt(state, token, false);
      if (macro !== undefined) {
        if (fromSource) output.beginInvocation(token, macro);
        continue;
      }
    }
    output.emit(token);
  }
}

/** Whether an identifier is something translate must look at: a macro, a builtin or `_Pragma`. */
function mayExpand(state: State, name: string): boolean {
  return state.macros.has(name) || isBuiltinMacro(name) || name === '_Pragma';
}

/** `_Pragma ( string-literal )` after the `_Pragma` just read: consumed and dropped. */
function skipPragmaOperator(state: State): boolean {
  const open = nextToken(state);
  if (open.text !== '(') {
    state.unread(open);
    return false;
  }
  const operand = nextToken(state);
  const close = nextToken(state);
  if (operand.kind !== 'string' || close.text !== ')') fail('GI2016', ['_Pragma takes a parenthesized string literal'], { file: open.file, line: open.line });
  return true;
}

/** The table at the end, in definition order; object-like bodies expanded against it. */
function finalMacros(state: State): MacroDefinition[] {
  state.frames.length = 0;
  const result: MacroDefinition[] = [];
  state.macros.forEach((macro) => {
    result.push(toMacroDefinition(macro, macro.functionLike ? undefined : expandAgainstTable(state, macro)));
  });
  return result;
}

function expandAgainstTable(state: State, macro: Macro): string[] | undefined {
  // Each final expansion has a budget of its own: one runaway macro must not cost the others theirs.
  state.expandedTokens = 0;
  state.tokenBudget = limits.finalExpansionTokens;
  if (standsForItself(state, macro)) return macro.body.map((t) => t.text);
  const at = macro.origin ?? { file: `<${macro.source}>`, line: 1, column: 1 };
  const name = new Token('identifier', macro.name, at.file, at.line, at.column ?? 1, false, false, HideSet.empty, undefined);
  try {
    return expandList(state, [name], false).map((t) => t.text);
  } catch (error) {
    if (!(error instanceof GenIncError)) throw error;
    state.frames.length = 0;
    state.expansionDepth = 0;
    // Said, not silent: the macro is left out of the constants because it cannot be expanded.
    for (const d of error.diagnostics) state.diagnostics.push({ ...d, severity: 'warning', message: `macro ${macro.name} is left out: ${d.message}` });
    return undefined;
  }
}

/** An object-like body without `##` and without a name that could expand expands to itself. */
function standsForItself(state: State, macro: Macro): boolean {
  if (macro.pastes) return false;
  for (let i = 0; i < macro.body.length; i++) {
    const token = macro.body[i];
    if (token.kind === 'identifier' && token.text !== macro.name && (state.macros.has(token.text) || isBuiltinMacro(token.text))) return false;
  }
  return true;
}
