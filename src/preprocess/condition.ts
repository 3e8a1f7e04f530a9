// #if / #elif: macro-expand the line with `defined` and `__has_include` as operators, then let
// the shared constant-expression evaluator compute it on 64-bit integers.

import type { Origin } from '../types.js';
import { fail } from '../diagnostics.js';
import { evaluate } from '../cexpr/index.js';
import { expandList } from './expand.js';
import { limits, type State } from './state.js';
import type { Token } from './token.js';

export function evaluateCondition(state: State, tokens: readonly Token[], origin: Origin): boolean {
  if (tokens.length === 0) fail('GI2005', ['#if with no expression'], origin);
  const expanded = expandList(state, tokens, true);
  const texts: string[] = new Array<string>(expanded.length);
  let depth = 0;
  for (let i = 0; i < expanded.length; i++) {
    const text = expanded[i].text;
    if (text === '(' && ++depth > limits.ifParentheses) fail('GI2019', [`more than ${limits.ifParentheses} nested parentheses in #if`], origin);
    if (text === ')') depth--;
    texts[i] = text;
  }
  if (texts.length === 0) fail('GI2005', ['#if with no expression'], origin);
  const result = evaluate(texts, { mode: 'preprocessor', charSigned: state.target.charSigned });
  if (!result.ok) {
    const expression = texts.join(' ');
    const shown = expression.length > 200 ? `${expression.slice(0, 200)} …` : expression;
    fail(/division by zero/i.test(result.error) ? 'GI2014' : 'GI2005', [`${result.error} in: ${shown}`], origin);
  }
  return result.value.value !== 0n;
}
