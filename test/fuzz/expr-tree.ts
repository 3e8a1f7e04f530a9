// Random constant expressions as trees, with a small model of C's integer semantics. The model
// decides nothing in a comparison (gcc is the oracle): it only lets the generator stay clear of
// undefined behaviour, so that every expression that reaches gcc has one right value.
//
// Two modes: 'preprocessor' (#if: every value intmax_t or uintmax_t) and 'typed' (C11 6.6 integer
// constant expressions: int, long, unsigned…, promotions and usual arithmetic conversions, casts,
// sizeof). Undefined, and so never generated where it is evaluated: signed overflow, division or
// remainder by zero, INT_MIN / -1 and INT_MIN % -1, a shift count negative or not below the width of
// the promoted left operand, a left shift of a negative value or one that overflows. Implementation-
// defined and generated, with gcc's documented choice as the answer: right shift of a negative
// value (arithmetic), conversion to a narrower signed type (modulo), plain char signed, the value of
// a multi-character constant. Left out although defined: division or remainder by zero in an
// unevaluated operand of #if (`#if 1 ? 0 : 0 % 0u`), whose type gcc takes from the left operand
// where C takes the common type, and `true`/`false` in #if, which gcc reads as 0 without
// <stdbool.h> while gen-inc's target always defines them.

export type Mode = 'preprocessor' | 'typed';

export interface IntType {
  /** C spelling, e.g. 'unsigned long' */
  name: string;
  bits: number;
  signed: boolean;
  /** conversion rank: _Bool 0, char 1, short 2, int 3, long 4, long long 5 */
  rank: number;
}

const t = (name: string, bits: number, signed: boolean, rank: number): IntType => ({ name, bits, signed, rank });
export const types = {
  bool: t('_Bool', 1, false, 0),
  char: t('char', 8, true, 1),
  schar: t('signed char', 8, true, 1),
  uchar: t('unsigned char', 8, false, 1),
  short: t('short', 16, true, 2),
  ushort: t('unsigned short', 16, false, 2),
  int: t('int', 32, true, 3),
  uint: t('unsigned int', 32, false, 3),
  long: t('long', 64, true, 4),
  ulong: t('unsigned long', 64, false, 4),
  llong: t('long long', 64, true, 5),
  ullong: t('unsigned long long', 64, false, 5),
} as const;
export const intmax = t('intmax_t', 64, true, 5);
export const uintmax = t('uintmax_t', 64, false, 5);

export type BinaryOperator = '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&' | '^' | '|' | '&&' | '||';

export type Expr = (
  | { kind: 'literal'; text: string; value: bigint; type: IntType }
  /** an identifier that is no macro: 0 in #if; in typed mode an enum constant of the given value and type */
  | { kind: 'identifier'; name: string; value: bigint; type: IntType }
  | { kind: 'defined'; name: string; parenthesized: boolean; value: bigint }
  | { kind: 'unary'; op: '+' | '-' | '~' | '!'; operand: Expr }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'comma'; left: Expr; right: Expr }
  | { kind: 'cast'; to: IntType; operand: Expr }
  /** sizeof(type) or _Alignof(type): a constant of type size_t */
  | { kind: 'measure'; text: string; value: bigint }
  /** sizeof of an expression, which is not evaluated */
  | { kind: 'sizeof'; operand: Expr }
) & {
  /** written inside extra parentheses */
  parenthesized?: boolean;
  /** written through a macro (see expr-macros.ts) */
  macro?: MacroForm;
};

export type MacroForm = 'object' | 'object-bare' | 'function' | 'function-bare' | 'paste' | 'identity';

export interface Value {
  value: bigint;
  type: IntType;
}

/** Thrown by `evaluate` when an evaluated part of the expression is undefined. */
export class UndefinedBehaviour {
  constructor(readonly what: string) {}
}

export function convert(value: bigint, to: IntType): bigint {
  if (to.bits === 1) return value !== 0n ? 1n : 0n;
  return to.signed ? BigInt.asIntN(to.bits, value) : BigInt.asUintN(to.bits, value);
}

function promote(type: IntType, mode: Mode): IntType {
  if (mode === 'preprocessor') return type.signed ? intmax : uintmax;
  return type.rank < 3 ? types.int : type;
}

/** The usual arithmetic conversions (C11 6.3.1.8) on promoted types, for LP64. */
export function commonType(a: IntType, b: IntType, mode: Mode): IntType {
  const x = promote(a, mode);
  const y = promote(b, mode);
  if (x.signed === y.signed) return x.rank >= y.rank ? x : y;
  const [unsigned, signed] = x.signed ? [y, x] : [x, y];
  if (unsigned.rank >= signed.rank) return unsigned;
  if (signed.bits > unsigned.bits) return signed;
  return { ...Object.values(types).find((k) => k.rank === signed.rank && !k.signed)! };
}

function truth(value: boolean, mode: Mode): Value {
  return { value: value ? 1n : 0n, type: mode === 'preprocessor' ? intmax : types.int };
}

function representable(value: bigint, type: IntType): boolean {
  return convert(value, type) === value;
}

/** The value of `e` as C defines it; throws UndefinedBehaviour for an evaluated undefined operation. */
export function evaluate(e: Expr, mode: Mode, live = true): Value {
  switch (e.kind) {
    case 'literal':
    case 'identifier':
      return { value: e.value, type: e.type };
    case 'defined':
      return truth(e.value !== 0n, mode);
    case 'measure':
      return { value: e.value, type: types.ulong };
    case 'sizeof':
      return { value: BigInt(Math.max(1, evaluate(e.operand, mode, false).type.bits / 8)), type: types.ulong };
    case 'cast': {
      const operand = evaluate(e.operand, mode, live);
      return { value: convert(operand.value, e.to), type: e.to };
    }
    case 'comma':
      evaluate(e.left, mode, live);
      return evaluate(e.right, mode, live);
    case 'conditional': {
      const condition = evaluate(e.condition, mode, live).value !== 0n;
      const then = evaluate(e.then, mode, live && condition);
      const otherwise = evaluate(e.otherwise, mode, live && !condition);
      const type = commonType(then.type, otherwise.type, mode);
      return { value: convert(condition ? then.value : otherwise.value, type), type };
    }
    case 'unary': {
      const operand = evaluate(e.operand, mode, live);
      if (e.op === '!') return truth(operand.value === 0n, mode);
      const type = promote(operand.type, mode);
      const value = convert(operand.value, type);
      const result = e.op === '+' ? value : e.op === '-' ? -value : ~value;
      if (live && type.signed && !representable(result, type)) throw new UndefinedBehaviour(`-${value} overflows ${type.name}`);
      return { value: convert(result, type), type };
    }
    case 'binary':
      return binary(e.op, e.left, e.right, mode, live);
  }
}

function binary(op: BinaryOperator, leftExpr: Expr, rightExpr: Expr, mode: Mode, live: boolean): Value {
  const left = evaluate(leftExpr, mode, live);
  if (op === '&&' || op === '||') {
    const decided = op === '&&' ? left.value === 0n : left.value !== 0n;
    const right = evaluate(rightExpr, mode, live && !decided);
    return truth(decided ? op === '||' : right.value !== 0n, mode);
  }
  const right = evaluate(rightExpr, mode, live);
  const ub = (what: string): never => {
    throw new UndefinedBehaviour(what);
  };
  if (op === '<<' || op === '>>') {
    const type = promote(left.type, mode);
    const value = convert(left.value, type);
    const count = convert(right.value, promote(right.type, mode));
    if (live && (count < 0n || count >= BigInt(type.bits))) ub(`shift by ${count}`);
    if (!live && (count < 0n || count >= BigInt(type.bits))) return { value: 0n, type };
    if (op === '>>') return { value: value >> count, type };
    if (live && type.signed && (value < 0n || !representable(value << count, type))) ub(`${value} << ${count}`);
    return { value: convert(value << count, type), type };
  }
  const type = commonType(left.type, right.type, mode);
  const a = convert(left.value, type);
  const b = convert(right.value, type);
  switch (op) {
    case '<': return truth(a < b, mode);
    case '>': return truth(a > b, mode);
    case '<=': return truth(a <= b, mode);
    case '>=': return truth(a >= b, mode);
    case '==': return truth(a === b, mode);
    case '!=': return truth(a !== b, mode);
    case '&': return { value: convert(a & b, type), type };
    case '^': return { value: convert(a ^ b, type), type };
    case '|': return { value: convert(a | b, type), type };
    default:
  }
  if ((op === '/' || op === '%') && b === 0n) {
    if (live) ub('division by zero');
    // gcc's #if gives an unevaluated x / 0 the type of x, not the common type: left out
    if (mode === 'preprocessor') ub('division by zero in an unevaluated operand of #if');
    return { value: 0n, type };
  }
  const exact = op === '*' ? a * b : op === '+' ? a + b : op === '-' ? a - b : op === '/' ? a / b : a % b;
  // INT_MIN % -1: C11 makes it undefined because INT_MIN / -1 is
  const overflows = type.signed && (!representable(exact, type) || (op === '%' && !representable(a / b, type)));
  if (live && overflows) ub(`${a} ${op} ${b} overflows ${type.name}`);
  return { value: convert(exact, type), type };
}
