// C constant expressions over token texts: used by the preprocessor for `#if` and by resolve and
// model for array lengths, bit widths, enum values and macro constants.

import type { IntegerValue } from '../types.js';
import { evaluateTokens } from './evaluate.js';
import { integerLiteralType, readCharLiteral, readNumber } from './literal.js';

export { tokenizeExpression } from './lex.js';

/** What the evaluator needs to know about the program around an expression. */
export interface EvalEnv {
  /**
   * 'preprocessor': #if rules (C11 6.10.1) — every signed value is intmax_t (64-bit), every
   *   unsigned one uintmax_t; identifiers left after macro expansion (and `defined` handled by the
   *   caller) are 0, `true` and `false` included, as gcc does for C; casts and sizeof are errors.
   * 'typed': full C — int/long/unsigned… with promotions and usual arithmetic conversions, casts,
   *   sizeof, _Alignof, __builtin_offsetof, enum constants through `identifier`.
   */
  mode: 'preprocessor' | 'typed';
  /** Whether plain char is signed, which decides the value of '\377'; true when absent (x86-64). */
  charSigned?: boolean;
  /** Value of a non-macro identifier (an enum constant), or undefined when unknown. */
  identifier?(name: string): IntegerValue | undefined;
  /**
   * Typed mode: if `tokens` (the inside of parentheses, or the operand of sizeof) spell a type name,
   * describe it; otherwise undefined. Pointers have size 8 and are not integers.
   */
  typeName?(tokens: string[]): TypeInfo | undefined;
  /** Typed mode: __builtin_offsetof(type, member-designator) in bytes. */
  offsetOf?(type: string[], member: string[]): number | undefined;
  /** Typed mode: sizeof of an expression's type is computed by the evaluator itself. */
}

export interface TypeInfo {
  size: number;
  align: number;
  /** an integer (or enum) type: value conversions apply */
  integer: boolean;
  signed: boolean;
  pointer: boolean;
  /** _Bool (or a typedef of it): a cast yields 0 or 1 rather than truncating */
  boolean?: boolean;
  /** float, double, long double: `(int)(double)x` style casts go through it */
  floating?: boolean;
}

export type EvalResult = { ok: true; value: IntegerValue } | { ok: false; error: string };

/** Evaluate a constant expression given as token texts (already macro-expanded). Never throws. */
export function evaluate(tokens: readonly string[], env: EvalEnv): EvalResult {
  return evaluateTokens(tokens, env);
}

/**
 * Parse a C integer or character literal token into its value and its C type on LP64
 * ('0x1fUL', "'a'", '07'); undefined for anything else, floating constants included.
 */
export function parseIntegerLiteral(text: string, charSigned = true): IntegerValue | undefined {
  if (/^(?:L|u|U)?'/.test(text)) {
    const char = readCharLiteral(text, charSigned);
    return 'error' in char ? undefined : { value: char.value, size: char.type.size, signed: char.type.signed };
  }
  const number = readNumber(text);
  if (number.kind !== 'integer') return undefined;
  const type = integerLiteralType(number);
  return { value: number.value, size: type.size, signed: type.signed };
}
