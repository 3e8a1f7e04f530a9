// Macro expansion (C11 §6.10.3): invocation, argument collection, substitution with `#` and `##`,
// and rescanning through the input stack. A token is not expanded again by a macro whose name is
// in its hide set; a function-like invocation's result gets (HS(name) ∩ HS(')')) ∪ {name}.

import { fail } from '../diagnostics.js';
import { HideSet } from './hideset.js';
import { VA_OPT, type Macro } from './macros.js';
import { expandBuiltin, isBuiltinMacro } from './builtins.js';
import { expansionNotes, limits, nextToken, sourceOrigin, type State } from './state.js';
import { tokenize } from './scanner.js';
import { isHash, isHashHash, Token, type Expansion } from './token.js';

/**
 * If `token` invokes a macro, pushes the macro's expansion onto the input (to be rescanned with
 * what follows) and returns the macro; otherwise returns undefined and consumes nothing more.
 * In `#if` mode `defined` and `__has_include` are operators.
 */
export function expandMacroAt(state: State, token: Token, ifMode: boolean): Macro | undefined {
  if (token.kind !== 'identifier') return undefined;
  const name = token.text;
  const macro = state.macros.get(name);
  if (macro === undefined) return isBuiltinMacro(name) ? expandBuiltin(state, token, ifMode) : undefined;
  if (token.hideset.has(name)) return undefined;
  if (!macro.functionLike) {
    const expansion: Expansion = { macro, invokedBy: token };
    state.pushExpansion(substitute(state, macro, noArguments, false, expansion), expansion, token.hideset.with(name));
    return macro;
  }
  const next = nextToken(state);
  if (next.text !== '(' || next.kind !== 'punctuator') {
    state.unread(next);
    return undefined;
  }
  const invocation = collectArguments(state, macro, token);
  const expansion: Expansion = { macro, invokedBy: token };
  const hideset = token.hideset.intersection(invocation.close.hideset).with(name);
  state.pushExpansion(substitute(state, macro, invocation.args, invocation.variadicOmitted, expansion), expansion, hideset);
  return macro;
}

/** What a function-like macro is invoked with. */
interface Arguments {
  /** one token list per parameter */
  args: Token[][];
  /** the `)` that ends the invocation */
  close: Token;
  /** no variadic argument was written, which GNU `, ## __VA_ARGS__` tells from an empty one */
  variadicOmitted: boolean;
}

const noArguments: Token[][] = [];

/** Fully macro-expands a token list on its own (a macro argument, an #if or #include line). */
export function expandList(state: State, tokens: readonly Token[], ifMode: boolean): Token[] {
  if (tokens.length === 0) return [];
  if (state.expansionDepth >= limits.expansionDepth) {
    fail('GI2019', [`macro arguments nested deeper than ${limits.expansionDepth}`], sourceOrigin(tokens[0]), expansionNotes(tokens[0]));
  }
  if (!anyMayExpand(state, tokens)) return tokens.slice();
  state.expansionDepth++;
  const end = new Token('eof', '', tokens[0].file, tokens[0].line, tokens[0].column, false, false, tokens[0].hideset, undefined);
  state.pushTokens([...tokens, end]);
  const result: Token[] = [];
  for (;;) {
    const token = nextToken(state);
    if (token === end) break;
    if (token.kind === 'identifier' && expandMacroAt(state, token, ifMode) !== undefined) continue;
    result.push(token);
  }
  state.expansionDepth--;
  return result;
}

/** Whether some token of a list names a macro or a builtin (if not, the list expands to itself). */
function anyMayExpand(state: State, tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'identifier' && (state.macros.has(token.text) || isBuiltinMacro(token.text))) return true;
  }
  return false;
}

/** Reads `( … )` after a function-like macro's name, split into arguments at top-level commas. */
function collectArguments(state: State, macro: Macro, nameToken: Token): Arguments {
  const args: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  const lastParam = macro.params.length - 1;
  for (;;) {
    const token = nextToken(state);
    if (token.kind === 'eof') fail('GI2007', [macro.name], sourceOrigin(nameToken), expansionNotes(nameToken));
    if (token.kind === 'punctuator') {
      const text = token.text;
      if (text === '(') depth++;
      else if (text === ')') {
        if (depth === 0) {
          args.push(current);
          const variadicOmitted = checkArgumentCount(macro, args, nameToken);
          return { args, close: token, variadicOmitted };
        }
        depth--;
      } else if (text === ',' && depth === 0 && !(macro.variadic && args.length === lastParam)) {
        args.push(current);
        current = [];
        continue;
      }
    }
    current.push(token);
  }
}

/**
 * Checks the count, supplying a left-out variadic argument as an empty one; returns whether it was
 * left out. As in gcc's GNU mode, `F()` leaves out the argument of `#define F(...)`.
 */
function checkArgumentCount(macro: Macro, args: Token[][], nameToken: Token): boolean {
  const wanted = macro.params.length;
  if (wanted === 0 && args.length === 1 && args[0].length === 0) {
    args.pop();
    return false;
  }
  if (macro.variadic && args.length === wanted - 1) {
    args.push([]);
    return true;
  }
  if (args.length !== wanted) {
    fail('GI2006', [macro.name, args.length, wanted], sourceOrigin(nameToken), expansionNotes(nameToken));
  }
  return macro.variadic && wanted === 1 && args[0].length === 0;
}

/**
 * Replaces parameters in a macro body (C11 §6.10.3.1–3); the result is still to be marked as this
 * expansion's (see Frame).
 */
function substitute(state: State, macro: Macro, args: Token[][], variadicOmitted: boolean, expansion: Expansion): readonly Token[] {
  // Without parameters or `##` a body stands for itself.
  const replaced = macro.functionLike || macro.pastes ? new Substitution(state, macro, args, variadicOmitted, expansion).run(0, macro.body.length) : macro.body;
  state.expandedTokens += replaced.length;
  if (state.expandedTokens > state.tokenBudget) {
    const first = expansion.invokedBy;
    fail('GI2019', [`more than ${state.tokenBudget} tokens from macro expansions`], sourceOrigin(first), expansionNotes(first));
  }
  return replaced;
}

/** Stands for an empty argument next to `##` until the pasting is done (C11 §6.10.3.3). */
const placemarker = new Token('other', '', '', 0, 0, false, false, HideSet.empty, undefined);

class Substitution {
  private readonly expandedArgs: (Token[] | undefined)[] = [];
  /** set by operand(): the body index after the operand */
  private operandEnd = 0;
  /**
   * set by operand(): the operand is the variadic parameter, not pasted onto what follows it; after
   * `##` and a comma, that is GNU's `, ## __VA_ARGS__`
   */
  private variadicOperand = false;

  constructor(
    private readonly state: State,
    private readonly macro: Macro,
    private readonly args: Token[][],
    private readonly variadicOmitted: boolean,
    private readonly expansion: Expansion,
  ) {
    // Up front and in body order, as gcc does: that order shows in __COUNTER__ and in which error
    // comes first, and an argument is expanded even where __VA_OPT__ drops it.
    const expandedParams = macro.expandedParams;
    for (let k = 0; k < expandedParams.length; k++) this.expandedArgument(expandedParams[k]);
  }

  run(start: number, end: number): Token[] {
    const { body, paramIndex } = this.macro;
    const out: Token[] = [];
    let i = start;
    while (i < end) {
      const token = body[i];
      if (isHashHash(token) && i + 1 < end) {
        const tokens = this.operand(i + 1, end, true);
        i = this.operandEnd;
        const left = out[out.length - 1];
        if (this.variadicOperand && left !== undefined && left.kind === 'punctuator' && left.text === ',') {
          // GNU `, ## __VA_ARGS__`, as gcc does it: whatever put the comma there (the body, or the
          // end of an argument), a left-out argument drops it, and arguments follow it unpasted.
          if (this.variadicOmitted) out.pop();
          else for (let k = 0; k < tokens.length; k++) out.push(tokens[k]);
          continue;
        }
        if (tokens.length === 0 || tokens[0] === placemarker) {
          if (left === undefined) out.push(placemarker);
          continue;
        }
        out.pop();
        out.push(left === undefined || left === placemarker ? tokens[0] : this.paste(left, tokens[0]));
        for (let k = 1; k < tokens.length; k++) out.push(tokens[k]);
        continue;
      }
      const followedByPaste = i + 1 < end && isHashHash(body[i + 1]);
      if (paramIndex[i] < 0 && !followedByPaste && !isHash(token) && token.text !== VA_OPT) {
        out.push(token);
        i++;
        continue;
      }
      const tokens = this.operand(i, end, followedByPaste);
      i = this.operandEnd;
      // `__VA_OPT__(…)` too is an operand of a `##` after its `)`
      if (tokens.length === 0 && i < end && isHashHash(body[i])) out.push(placemarker);
      else for (let k = 0; k < tokens.length; k++) out.push(tokens[k]);
    }
    return start === 0 && end === body.length && this.macro.pastes ? out.filter((t) => t !== placemarker) : out;
  }

  /**
   * The tokens one body item stands for: a parameter, `#parameter`, `__VA_OPT__(…)` or a token;
   * sets `operandEnd` and `variadicOperand`.
   */
  private operand(i: number, end: number, raw: boolean): Token[] {
    const { body, paramIndex, functionLike, variadic, params } = this.macro;
    const token = body[i];
    this.variadicOperand = false;
    if (functionLike && isHash(token) && i + 1 < end) {
      const param = paramIndex[i + 1];
      if (param >= 0) {
        this.operandEnd = i + 2;
        return [stringize(this.args[param], token)];
      }
    }
    const param = paramIndex[i];
    if (param >= 0) {
      this.variadicOperand = variadic && param === params.length - 1 && !(i + 1 < end && isHashHash(body[i + 1]));
      this.operandEnd = i + 1;
      return withSpace(raw ? this.args[param] : this.expandedArgument(param), token.space);
    }
    if (variadic && token.text === VA_OPT && token.kind === 'identifier') {
      const close = this.matchingParen(i + 1, end);
      // as in C23 and gcc: what counts is the argument after macro expansion
      if (this.expandedArgument(params.length - 1).length === 0) {
        this.operandEnd = close + 1;
        return [];
      }
      if (++this.state.expansionDepth > limits.expansionDepth) fail('GI2019', [`__VA_OPT__ nested deeper than ${limits.expansionDepth}`], this.macro.origin);
      const tokens = this.run(i + 2, close);
      this.state.expansionDepth--;
      this.variadicOperand = false;
      this.operandEnd = close + 1;
      return tokens;
    }
    this.operandEnd = i + 1;
    return [token];
  }

  private expandedArgument(param: number): Token[] {
    let tokens = this.expandedArgs[param];
    if (tokens === undefined) {
      tokens = expandList(this.state, this.args[param], false);
      this.expandedArgs[param] = tokens;
    }
    return tokens;
  }

  private matchingParen(open: number, end: number): number {
    const body = this.macro.body;
    let depth = 0;
    for (let i = open; i < end; i++) {
      if (body[i].text === '(') depth++;
      else if (body[i].text === ')' && --depth === 0) return i;
    }
    fail('GI2016', [`unterminated __VA_OPT__ in ${this.macro.name}`], this.macro.origin);
  }

  private paste(left: Token, right: Token): Token {
    const text = left.text + right.text;
    const tokens = tokenize(text, left.file);
    if (tokens.length !== 1 || tokens[0].kind === 'unterminated') {
      const at = this.expansion.invokedBy;
      fail('GI2021', [left.text, right.text], sourceOrigin(at), expansionNotes(left.expansion ? left : at));
    }
    return left.derived(tokens[0].kind, text);
  }
}

/** The first token of a substituted argument takes the spacing of the parameter it replaces. */
function withSpace(tokens: Token[], space: boolean): Token[] {
  if (tokens.length === 0 || tokens[0].space === space) return tokens;
  const copy = tokens.slice();
  copy[0] = tokens[0].withSpace(space);
  return copy;
}

/** `#param`: the argument's spelling as a string literal (C11 §6.10.3.2). */
export function stringize(tokens: readonly Token[], at: Token): Token {
  let text = '"';
  tokens.forEach((token, i) => {
    if (i > 0 && token.space) text += ' ';
    text += token.kind === 'string' || token.kind === 'char' ? token.text.replace(/[\\"]/g, '\\$&') : token.text;
  });
  return at.derived('string', text + '"');
}
