// Integer arithmetic with C's types: promotions, usual arithmetic conversions, wraparound.
// Sizes are those of LP64 (int 32-bit, long and long long 64-bit); a type is its size and
// signedness, which is all that decides a value on such a target.

export interface IntegerType {
  size: number;
  signed: boolean;
}

export const intType: IntegerType = { size: 4, signed: true };
export const unsignedIntType: IntegerType = { size: 4, signed: false };
export const unsignedShortType: IntegerType = { size: 2, signed: false };
export const longType: IntegerType = { size: 8, signed: true };
export const unsignedLongType: IntegerType = { size: 8, signed: false };
export const int128Type: IntegerType = { size: 16, signed: true };
export const sizeType = unsignedLongType;
/** #if arithmetic (C11 6.10.1p4): intmax_t and uintmax_t */
export const intmaxType = longType;
export const uintmaxType = unsignedLongType;

/** The value converted to the type: reduced modulo 2^bits, read as signed or unsigned. */
export function wrap(value: bigint, type: IntegerType): bigint {
  const bits = type.size * 8;
  return type.signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}

/** Integer promotion (C11 6.3.1.1): types narrower than int become int. */
export function promote(type: IntegerType): IntegerType {
  return type.size < intType.size ? intType : type;
}

/** The usual arithmetic conversions (C11 6.3.1.8) of two promoted integer types. */
export function commonType(a: IntegerType, b: IntegerType): IntegerType {
  if (a.signed === b.signed) return a.size >= b.size ? a : b;
  const unsigned = a.signed ? b : a;
  const signed = a.signed ? a : b;
  if (unsigned.size >= signed.size) return unsigned;
  return signed;
}

export type ArithmeticOperator = '*' | '/' | '%' | '+' | '-' | '&' | '^' | '|';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** a op b, both already converted to `type`; undefined for division by zero. */
export function arithmetic(op: ArithmeticOperator, a: bigint, b: bigint, type: IntegerType): bigint | undefined {
  switch (op) {
    case '*':
      return wrap(a * b, type);
    case '/':
      // BigInt division truncates toward zero, as C does.
      return b === 0n ? undefined : wrap(a / b, type);
    case '%':
      return b === 0n ? undefined : wrap(a % b, type);
    case '+':
      return wrap(a + b, type);
    case '-':
      return wrap(a - b, type);
    case '&':
      return wrap(a & b, type);
    case '^':
      return wrap(a ^ b, type);
    case '|':
      return wrap(a | b, type);
  }
}

export function compare(op: ComparisonOperator, a: bigint, b: bigint): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/**
 * A shift by `count` bits of a value of (promoted) `type`, counts outside [0, width) done as gcc
 * folds them: a negative count shifts the other way, a count of the width or more leaves 0 (or
 * -1 for a right shift of a negative value). The caller decides whether such counts are errors.
 */
export function shift(op: '<<' | '>>', value: bigint, count: bigint, type: IntegerType): bigint {
  if (count < 0n) return shift(op === '<<' ? '>>' : '<<', value, -count, type);
  const bits = BigInt(type.size * 8);
  if (count >= bits) return op === '<<' || value >= 0n ? 0n : -1n;
  // BigInt >> of a negative value is arithmetic, as gcc's is for signed types.
  return op === '<<' ? wrap(value << count, type) : value >> count;
}
