// Macro expansion (C11 §6.10.3): invocation, argument collection, substitution with `#` and `##`,
// and rescanning through the input stack. A token is not expanded again by a macro whose name is
// in its hide set; a function-like invocation's result gets (HS(name) ∩ HS(')')) ∪ {name}.

import { fail } from '../diagnostics.js';
import { HideSet } from './hideset.js';
import { VA_OPT, type Macro } from './macros.js';
import { expandBuiltin, isBuiltinMacro } from './builtins.js';
import { expansionNotes, limits, nextToken, sourceOrigin, type State } from './state.js';
import { Token, tokenize, type Expansion } from './tokenize.js';

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
    state.pushTokens(substitute(state, macro, [], expansion, token.hideset.with(name)));
    return macro;
  }
  const next = nextToken(state);
  if (next.text !== '(' || next.kind !== 'punctuator') {
    state.unread(next);
    return undefined;
  }
  const { args, close } = collectArguments(state, macro, token);
  const expansion: Expansion = { macro, invokedBy: token };
  const hideset = token.hideset.intersection(close.hideset).with(name);
  state.pushTokens(substitute(state, macro, args, expansion, hideset));
  return macro;
}

/** Fully macro-expands a token list on its own (a macro argument, an #if or #include line). */
export function expandList(state: State, tokens: readonly Token[], ifMode: boolean): Token[] {
  if (tokens.length === 0) return [];
  if (state.expansionDepth >= limits.expansionDepth) {
    fail('GI2019', [`macro arguments nested deeper than ${limits.expansionDepth}`], sourceOrigin(tokens[0]), expansionNotes(tokens[0]));
  }
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

/** Reads `( … )` after a function-like macro's name, split into arguments at top-level commas. */
function collectArguments(state: State, macro: Macro, nameToken: Token): { args: Token[][]; close: Token } {
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
          return { args: checkArgumentCount(macro, args, nameToken), close: token };
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

function checkArgumentCount(macro: Macro, args: Token[][], nameToken: Token): Token[][] {
  const wanted = macro.params.length;
  if (wanted === 0 && args.length === 1 && args[0].length === 0) return [];
  if (macro.variadic && args.length === wanted - 1) args.push([]);
  if (args.length !== wanted) {
    fail('GI2006', [macro.name, args.length, wanted], sourceOrigin(nameToken), expansionNotes(nameToken));
  }
  return args;
}

/** Replaces parameters in a macro body (C11 §6.10.3.1–3) and marks the result as this expansion's. */
function substitute(state: State, macro: Macro, args: Token[][], expansion: Expansion, hideset: HideSet): Token[] {
  const substitution = new Substitution(state, macro, args, expansion);
  const replaced = substitution.run(0, macro.body.length);
  const result: Token[] = new Array<Token>(replaced.length);
  const first = expansion.invokedBy;
  for (let i = 0; i < replaced.length; i++) {
    const token = replaced[i];
    result[i] = token.expandedCopy(token.hideset.union(hideset), expansion, i === 0 ? first.space : token.space);
  }
  state.expandedTokens += result.length;
  if (state.expandedTokens > limits.expandedTokens) {
    fail('GI2019', [`more than ${limits.expandedTokens} tokens from macro expansions`], sourceOrigin(first), expansionNotes(first));
  }
  return result;
}

/** Stands for an empty argument next to `##` until the pasting is done (C11 §6.10.3.3). */
const placemarker = new Token('other', '', '', 0, 0, false, false, HideSet.empty, undefined);

class Substitution {
  private readonly expandedArgs: (Token[] | undefined)[] = [];

  constructor(
    private readonly state: State,
    private readonly macro: Macro,
    private readonly args: Token[][],
    private readonly expansion: Expansion,
  ) {}

  run(start: number, end: number): Token[] {
    const { body, paramIndex } = this.macro;
    const out: Token[] = [];
    let i = start;
    while (i < end) {
      const token = body[i];
      if (token.kind === 'punctuator' && token.text === '##' && i + 1 < end) {
        const operand = this.operand(i + 1, end, true);
        i = operand.next;
        const left = out[out.length - 1];
        if (operand.variadicAfterComma && left?.text === ',') {
          // GNU `, ## __VA_ARGS__`: no arguments drop the comma; otherwise they follow it unexpanded.
          if (operand.tokens.length === 0) out.pop();
          else out.push(...operand.tokens);
          continue;
        }
        if (operand.tokens.length === 0 || operand.tokens[0] === placemarker) {
          if (left === undefined) out.push(placemarker);
          continue;
        }
        out.pop();
        out.push(left === undefined || left === placemarker ? operand.tokens[0] : this.paste(left, operand.tokens[0]));
        for (let k = 1; k < operand.tokens.length; k++) out.push(operand.tokens[k]);
        continue;
      }
      const followedByPaste = i + 1 < end && body[i + 1].text === '##' && body[i + 1].kind === 'punctuator';
      if (paramIndex[i] < 0 && !followedByPaste && token.kind !== 'punctuator' && token.text !== VA_OPT) {
        out.push(token);
        i++;
        continue;
      }
      const operand = this.operand(i, end, followedByPaste);
      i = operand.next;
      if (operand.tokens.length === 0 && followedByPaste) out.push(placemarker);
      else for (const t of operand.tokens) out.push(t);
    }
    return start === 0 && end === body.length ? out.filter((t) => t !== placemarker) : out;
  }

  /** The tokens one body item stands for: a parameter, `#parameter`, `__VA_OPT__(…)` or a token. */
  private operand(i: number, end: number, raw: boolean): { tokens: Token[]; next: number; variadicAfterComma: boolean } {
    const { body, paramIndex, functionLike, variadic, params } = this.macro;
    const token = body[i];
    if (functionLike && token.kind === 'punctuator' && token.text === '#' && i + 1 < end) {
      const param = paramIndex[i + 1];
      if (param >= 0) return { tokens: [stringize(this.args[param], token)], next: i + 2, variadicAfterComma: false };
    }
    const param = paramIndex[i];
    if (param >= 0) {
      const variadicAfterComma = raw && variadic && param === params.length - 1 && body[i - 2]?.text === ',' && body[i - 1]?.text === '##';
      const tokens = raw ? this.args[param] : this.expandedArgument(param);
      return { tokens: withSpace(tokens, token.space), next: i + 1, variadicAfterComma };
    }
    if (variadic && token.text === VA_OPT && token.kind === 'identifier') {
      const close = this.matchingParen(i + 1, end);
      if (this.args[params.length - 1].length === 0) return { tokens: [], next: close + 1, variadicAfterComma: false };
      if (++this.state.expansionDepth > limits.expansionDepth) fail('GI2019', [`__VA_OPT__ nested deeper than ${limits.expansionDepth}`], this.macro.origin);
      const tokens = this.run(i + 2, close);
      this.state.expansionDepth--;
      return { tokens, next: close + 1, variadicAfterComma: false };
    }
    return { tokens: [token], next: i + 1, variadicAfterComma: false };
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
  const first = tokens[0];
  copy[0] = new Token(first.kind, first.text, first.file, first.line, first.column, space, false, first.hideset, first.expansion);
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
