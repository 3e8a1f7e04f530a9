// Integer constants of the Python API: object-like macros whose expansion is an integer constant
// expression, and enum constants; each with its C value and the NASM literal that spells it.

import { evaluate, parseIntegerLiteral, tokenizeExpression, type EvalEnv, type EvalResult } from '../cexpr/index.js';
import { diagnostic } from '../diagnostics.js';
import type { ConstantModel, Diagnostic, EnumConstantValue, IntegerValue, MacroDefinition } from '../types.js';

/** Below this magnitude a literal is written in decimal, above it in hex (flags and masks read better so). */
const decimalLimit = 1n << 16n;

/**
 * The NASM spelling of a value: decimal when small, else `0x` with 8 or 16 hex digits; negative
 * values with a leading '-'. NASM numbers are 64-bit, so every value of [-2^63, 2^64) reads back
 * with its own two's-complement bits, -0x8000000000000000 included.
 */
export function nasmLiteral(v: IntegerValue): string {
  const negative = v.value < 0n;
  const magnitude = negative ? -v.value : v.value;
  const sign = negative ? '-' : '';
  if (magnitude < decimalLimit) return `${sign}${magnitude}`;
  const digits = magnitude.toString(16);
  return `${sign}0x${digits.padStart(digits.length <= 8 ? 8 : 16, '0')}`;
}

const nasmMin = -(1n << 63n);
const nasmLimit = 1n << 64n;

/** Whether NASM, whose numbers are 64-bit, can hold the value (__int128 results may not). */
function fitsNasm(value: bigint): boolean {
  return value >= nasmMin && value < nasmLimit;
}

const arithmeticPunctuators = new Set([
  '(', ')', '+', '-', '*', '/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '&', '|', '^', '~', '!', '&&', '||', '?', ':',
]);

/**
 * A body of only integer literals and operators was surely meant as an integer constant, so
 * failing to evaluate it deserves a warning; any other failing body (strings, pointers, calls,
 * attributes, type names) is simply not a constant.
 */
function isPlainArithmetic(tokens: readonly string[]): boolean {
  return tokens.every((t) => arithmeticPunctuators.has(t) || parseIntegerLiteral(t) !== undefined || looksInteger(t));
}

/** A number that is no floating constant, though perhaps a malformed or too large integer one. */
function looksInteger(token: string): boolean {
  return /^[0-9]/.test(token) && !/\.|^[0-9]+[eE]|^0[xX][0-9a-fA-F]*[pP]/.test(token);
}

/**
 * Every object-like macro a Python header defines whose expansion evaluates, as typed C, to an
 * integer constant. Empty, string, floating and pointer macros are skipped without a word.
 */
export function evaluateMacroConstants(
  macros: readonly MacroDefinition[],
  env: EvalEnv,
  isPythonHeader: (file: string) => boolean,
): { constants: ConstantModel[]; diagnostics: Diagnostic[] } {
  const constants: ConstantModel[] = [];
  const diagnostics: Diagnostic[] = [];
  const typedEnv: EvalEnv = env.mode === 'typed' ? env : { ...env, mode: 'typed' };
  const literals = new Map<string, IntegerValue | undefined>();
  for (const macro of macros) {
    if (macro.functionLike || macro.source !== 'header' || !macro.origin || !isPythonHeader(macro.origin.file)) continue;
    const tokens = macro.expansion ?? tokenizeExpression(macro.body);
    if (tokens.length === 0) continue;
    const result = evaluateConstant(tokens, typedEnv, literals);
    if (!result.ok) {
      if (isPlainArithmetic(tokens)) diagnostics.push(diagnostic('GI5001', [macro.name, result.error], macro.origin, 'warning'));
      continue;
    }
    if (!fitsNasm(result.value.value)) {
      diagnostics.push(diagnostic('GI5001', [macro.name, 'the value does not fit in 64 bits'], macro.origin, 'warning'));
      continue;
    }
    constants.push({
      name: macro.name,
      value: result.value,
      literal: nasmLiteral(result.value),
      kind: 'macro',
      expansion: macro.body,
      origin: macro.origin,
    });
  }
  return { constants, diagnostics };
}

/**
 * Most macro constants are one integer literal, which is its own value and needs no evaluator;
 * many share one ('1'), so each literal is read once.
 */
function evaluateConstant(tokens: readonly string[], env: EvalEnv, literals: Map<string, IntegerValue | undefined>): EvalResult {
  if (tokens.length !== 1) return evaluate(tokens, env);
  const token = tokens[0]!;
  let value = literals.get(token);
  if (value === undefined && !literals.has(token)) literals.set(token, (value = parseIntegerLiteral(token, env.charSigned ?? true)));
  return value ? { ok: true, value } : evaluate(tokens, env);
}

const intMin = -(1n << 31n);
const intLimit = 1n << 31n;
const unsignedIntLimit = 1n << 32n;

/**
 * The type gcc gives an enum constant once its enum is complete: int when the value fits, else
 * the enum's own type — unsigned when no constant is negative, and as wide as the range needs.
 */
export function enumConstantType(value: bigint, range: { min: bigint; max: bigint }): { size: number; signed: boolean } {
  if (value >= intMin && value < intLimit) return { size: 4, signed: true };
  const signed = range.min < 0n;
  const fits32 = signed ? range.min >= intMin && range.max < intLimit : range.max < unsignedIntLimit;
  return { size: fits32 ? 4 : 8, signed };
}

/** The enum constants a Python header declares, as constants. */
export function enumConstantModels(enumConstants: readonly EnumConstantValue[], isPythonHeader: (file: string) => boolean): ConstantModel[] {
  const ranges = new Map<number, { min: bigint; max: bigint }>();
  for (const c of enumConstants) {
    const range = ranges.get(c.enumId);
    if (!range) ranges.set(c.enumId, { min: c.value, max: c.value });
    else if (c.value < range.min) range.min = c.value;
    else if (c.value > range.max) range.max = c.value;
  }
  return enumConstants
    .filter((c) => isPythonHeader(c.origin.file))
    .map((c) => {
      const value: IntegerValue = { value: c.value, ...enumConstantType(c.value, ranges.get(c.enumId)!) };
      return { name: c.name, value, literal: nasmLiteral(value), kind: 'enum', expansion: c.name, origin: c.origin };
    });
}
