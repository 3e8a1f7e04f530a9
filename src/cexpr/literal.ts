// Numeric, character and string literals: their values and their C types (C11 6.4.4, 6.4.5),
// with gcc's choices where the standard leaves room.

import { intType, int128Type, longType, unsignedIntType, unsignedLongType, unsignedShortType, type IntegerType } from './arith.js';

export type NumberLiteral =
  | { kind: 'integer'; value: bigint; decimal: boolean; unsignedSuffix: boolean; longSuffix: boolean }
  | { kind: 'floating'; value: number; size: number }
  | { kind: 'invalid'; error: string };

const integerPattern = /^(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))([uUlL]*)$/;
const integerSuffix = /^(?:[uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/;
const decimalFloatPattern = /^(?:[0-9]*\.[0-9]*(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)([fFlL]?)$/;
const hexFloatPattern = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)([fFlL]?)$/;

const maxUnsigned64 = (1n << 64n) - 1n;

/** Classify a preprocessing number as an integer constant, a floating constant or neither. */
export function readNumber(text: string): NumberLiteral {
  if (isPlainDecimal(text)) {
    // '0' alone is octal in the grammar, which only its `decimal` flag shows
    return { kind: 'integer', value: BigInt(text), decimal: text !== '0', unsignedSuffix: false, longSuffix: false };
  }
  const integer = integerPattern.exec(text);
  if (integer) {
    const [, hex, binary, octal, decimal, suffix = ''] = integer;
    if (!integerSuffix.test(suffix)) return { kind: 'invalid', error: `invalid suffix on integer constant '${text}'` };
    const value =
      hex !== undefined ? BigInt(`0x${hex}`) : binary !== undefined ? BigInt(`0b${binary}`) : octal !== undefined ? BigInt(`0o${octal}`) : BigInt(decimal!);
    if (value > maxUnsigned64) return { kind: 'invalid', error: `integer constant too large '${text}'` };
    return { kind: 'integer', value, decimal: decimal !== undefined, unsignedSuffix: /[uU]/.test(suffix), longSuffix: /[lL]/.test(suffix) };
  }
  const decimalFloat = decimalFloatPattern.exec(text);
  if (decimalFloat && /[0-9]/.test(text)) {
    const suffix = decimalFloat[1]!;
    return { kind: 'floating', value: Number(suffix ? text.slice(0, -1) : text), size: floatingSize(suffix) };
  }
  const hexFloat = hexFloatPattern.exec(text);
  if (hexFloat && (hexFloat[1] || hexFloat[2])) {
    const [, whole = '', fraction = '', exponent, suffix = ''] = hexFloat;
    const mantissa = Number(BigInt(`0x${whole}${fraction}`));
    return { kind: 'floating', value: mantissa * 2 ** (Number(exponent) - 4 * fraction.length), size: floatingSize(suffix) };
  }
  return { kind: 'invalid', error: `invalid number '${text}'` };
}

/**
 * Digits only, without a leading 0 unless alone, and short enough to fit 64 bits: the commonest
 * numbers (#if lines are mostly 0 and 1), read without the patterns.
 */
function isPlainDecimal(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 19 || (length > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function floatingSize(suffix: string): number {
  return suffix === 'f' || suffix === 'F' ? 4 : suffix === 'l' || suffix === 'L' ? 16 : 8;
}

/**
 * The type of an integer constant per C11 6.4.4.1 on LP64 (int 32-bit, long and long long 64-bit):
 * the first type of its list that holds the value. gcc gives an unsuffixed decimal constant beyond
 * long long the type __int128 (with a warning), and so do we.
 */
export function integerLiteralType(literal: { value: bigint; decimal: boolean; unsignedSuffix: boolean; longSuffix: boolean }): IntegerType {
  const fitsSigned = (bits: bigint) => literal.value < 1n << (bits - 1n);
  const fitsUnsigned = (bits: bigint) => literal.value < 1n << bits;
  if (!literal.unsignedSuffix) {
    if (!literal.longSuffix && fitsSigned(32n)) return intType;
    if (!literal.longSuffix && !literal.decimal && fitsUnsigned(32n)) return unsignedIntType;
    if (fitsSigned(64n)) return longType;
    return literal.decimal ? int128Type : unsignedLongType;
  }
  return !literal.longSuffix && fitsUnsigned(32n) ? unsignedIntType : unsignedLongType;
}

// ───────────── character and string literals ─────────────

interface QuotedLiteral {
  /** '' for a plain literal, else 'L', 'u', 'U' or 'u8' */
  prefix: string;
  /** the code units the literal holds, without a terminator */
  units: number[];
}

const simpleEscapes: Record<string, number> = {
  n: 10, t: 9, v: 11, b: 8, r: 13, f: 12, a: 7, e: 27, E: 27, '\\': 92, "'": 39, '"': 34, '?': 63,
};

const utf8 = new TextEncoder();
const quotedPattern = /^(L|u8|u|U)?(['"])([\s\S]*)\2$/;

/** Decode a character or string literal into code units; undefined when malformed. */
function decodeQuoted(text: string, quote: "'" | '"'): QuotedLiteral | undefined {
  const match = quotedPattern.exec(text);
  if (!match || match[2] !== quote) return undefined;
  const prefix = match[1] ?? '';
  const body = match[3]!;
  const unitBits = prefix === '' || prefix === 'u8' ? 8 : prefix === 'u' ? 16 : 32;
  const unitMask = unitBits === 32 ? 0xffffffff : (1 << unitBits) - 1;
  const units: number[] = [];
  const pushCodePoint = (codePoint: number) => {
    if (unitBits === 8) units.push(...utf8.encode(String.fromCodePoint(codePoint)));
    else if (unitBits === 16 && codePoint > 0xffff) units.push(0xd800 + ((codePoint - 0x10000) >> 10), 0xdc00 + ((codePoint - 0x10000) & 0x3ff));
    else units.push(codePoint);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c !== '\\') {
      const codePoint = body.codePointAt(i)!;
      pushCodePoint(codePoint);
      i += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return undefined;
    if (next in simpleEscapes) {
      units.push(simpleEscapes[next]!);
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      units.push((parseInt(digits, 8) & unitMask) >>> 0);
      i += 1 + digits.length;
    } else if (next === 'x') {
      const digits = /^[0-9a-fA-F]*/.exec(body.slice(i + 2))![0];
      if (!digits) return undefined;
      units.push(Number(BigInt(`0x${digits}`) & BigInt(unitMask)) >>> 0);
      i += 2 + digits.length;
    } else if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return undefined;
      pushCodePoint(parseInt(digits, 16));
      i += 2 + length;
    } else {
      // gcc keeps the character of an unknown escape (with a warning).
      units.push(next.charCodeAt(0));
      i += 2;
    }
  }
  return { prefix, units };
}

/**
 * A character constant's value and type as gcc computes them: a plain one is an int holding the
 * char (sign-extended when char is signed); with several chars each shifts in 8 bits and the
 * result is an int truncated to 32 bits; L'' is int, u'' char16_t, U'' char32_t, each holding its last unit.
 */
export function readCharLiteral(text: string, charSigned: boolean): { value: bigint; type: IntegerType } | { error: string } {
  const literal = decodeQuoted(text, "'");
  if (!literal || literal.prefix === 'u8') return { error: `invalid character constant ${text}` };
  if (literal.units.length === 0) return { error: 'empty character constant' };
  if (literal.prefix === '') {
    let value = 0n;
    for (const unit of literal.units) value = BigInt.asUintN(32, (value << 8n) | BigInt(unit));
    const single = literal.units.length === 1;
    value = single ? (charSigned ? BigInt.asIntN(8, value) : value) : BigInt.asIntN(32, value);
    return { value, type: intType };
  }
  const last = BigInt(literal.units[literal.units.length - 1]!);
  if (literal.prefix === 'L') return { value: BigInt.asIntN(32, last), type: intType };
  return { value: last, type: literal.prefix === 'u' ? unsignedShortType : unsignedIntType };
}

/** sizeof a string literal, or of adjacent ones concatenated; undefined when one is malformed. */
export function stringLiteralSize(texts: readonly string[]): number | undefined {
  let unitSize = 1;
  let units = 0;
  for (const text of texts) {
    const literal = decodeQuoted(text, '"');
    if (!literal) return undefined;
    if (literal.prefix === 'u') unitSize = Math.max(unitSize, 2);
    if (literal.prefix === 'L' || literal.prefix === 'U') unitSize = 4;
    units += literal.units.length;
  }
  return (units + 1) * unitSize;
}

export function isStringLiteral(text: string): boolean {
  return /^(?:L|u8|u|U)?"/.test(text);
}

export function isCharLiteral(text: string): boolean {
  return /^(?:L|u8|u|U)?'/.test(text);
}
