// C constant expressions over token texts: used by the preprocessor for `#if` and by resolve and
// model for array lengths, bit widths, enum values and macro constants.
//
// INTERFACE ONLY — the implementation replaces the bodies below; the exported names and shapes stay.

import type { IntegerValue } from '../types.js';

/** What the evaluator needs to know about the program around an expression. */
export interface EvalEnv {
  /**
   * 'preprocessor': #if rules — every signed value is intmax_t (64-bit), every unsigned uintmax_t;
   *   identifiers left after macro expansion (and `defined` handled by the caller) are 0, except
   *   true/false are 1/0; casts and sizeof are errors.
   * 'typed': full C — int/long/unsigned… with promotions and usual arithmetic conversions, casts,
   *   sizeof, _Alignof, __builtin_offsetof, enum constants through `identifier`.
   */
  mode: 'preprocessor' | 'typed';
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
}

export type EvalResult = { ok: true; value: IntegerValue } | { ok: false; error: string };

/** Evaluate a constant expression given as token texts (already macro-expanded). Never throws. */
export function evaluate(tokens: readonly string[], env: EvalEnv): EvalResult {
  void tokens;
  void env;
  return { ok: false, error: 'not implemented' };
}

/** Parse a C integer or character literal token into its value and type ('0x1fUL', "'a'", '07'). */
export function parseIntegerLiteral(text: string): IntegerValue | undefined {
  void text;
  return undefined;
}

/** Split C source text into token texts (identifiers, numbers, strings, chars, punctuators). */
export function tokenizeExpression(text: string): string[] {
  void text;
  return [];
}
