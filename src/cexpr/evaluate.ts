// A recursive-descent parser that evaluates as it parses. Each parse function receives `live`:
// false inside the unevaluated operand of &&, ||, ?: and sizeof, where the operand's type still
// matters but division by zero and bad shift counts are not errors (C11 6.6p3, 6.10.1).

import type { IntegerValue } from '../types.js';
import {
  arithmetic, commonType, compare, intType, intmaxType, promote, shift, sizeType, uintmaxType, wrap,
  type ArithmeticOperator, type ComparisonOperator, type IntegerType,
} from './arith.js';
import type { EvalEnv, EvalResult, TypeInfo } from './index.js';
import { integerLiteralType, isCharLiteral, isStringLiteral, readCharLiteral, readNumber, stringLiteralSize } from './literal.js';

type Operand =
  | { kind: 'integer'; value: bigint; type: IntegerType }
  | { kind: 'floating'; value: number; size: number; align: number }
  /** a value no integer constant expression may use, only measure with sizeof */
  | { kind: 'object'; what: 'pointer value' | 'string literal' | 'non-scalar value'; size: number; align: number };

type IntegerOperand = Extract<Operand, { kind: 'integer' }>;

/** Thrown to abandon an expression; no Error, so that no stack trace is captured (failures are common). */
class ExpressionError {
  constructor(readonly message: string) {}
}

const binaryPrecedence = new Map<string, number>([
  ['*', 10], ['/', 10], ['%', 10],
  ['+', 9], ['-', 9],
  ['<<', 8], ['>>', 8],
  ['<', 7], ['<=', 7], ['>', 7], ['>=', 7],
  ['==', 6], ['!=', 6],
  ['&', 5], ['^', 4], ['|', 3], ['&&', 2], ['||', 1],
]);

const comparisonOperators = new Set(['<', '<=', '>', '>=', '==', '!=']);
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const alignofKeywords = new Set(['_Alignof', '__alignof__', '__alignof']);
/** Words that begin an expression, never a type name: no need to ask env.typeName. */
const expressionKeywords = new Set(['sizeof', '__builtin_offsetof', '__extension__', ...alignofKeywords]);
const maxIntmax = (1n << 63n) - 1n;

export function evaluateTokens(tokens: readonly string[], env: EvalEnv): EvalResult {
  try {
    const result = new Evaluator(tokens, env).run();
    return { ok: true, value: result };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error: error.message };
    return { ok: false, error: `internal error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function fail(message: string): never {
  throw new ExpressionError(message);
}

function integer(value: bigint, type: IntegerType): IntegerOperand {
  return { kind: 'integer', value, type };
}

class Evaluator {
  private position = 0;
  private readonly typed: boolean;
  private readonly charSigned: boolean;
  /** truth values: int in C, intmax_t in #if */
  private readonly truthType: IntegerType;
  /** for each '(' the index of its ')' */
  private readonly closing: Int32Array;

  constructor(
    private readonly tokens: readonly string[],
    private readonly env: EvalEnv,
  ) {
    this.typed = env.mode === 'typed';
    this.charSigned = env.charSigned ?? true;
    this.truthType = this.typed ? intType : intmaxType;
    this.closing = matchParentheses(tokens);
  }

  run(): IntegerValue {
    if (this.tokens.length === 0) fail('empty expression');
    const result = this.toInteger(this.expression(true));
    if (this.position < this.tokens.length) fail(`unexpected '${this.tokens[this.position]}'`);
    return { value: result.value, size: result.type.size, signed: result.type.signed };
  }

  // ───────────── binary and ternary operators ─────────────

  private expression(live: boolean): Operand {
    let result = this.conditional(live);
    while (this.accept(',')) {
      // C11 6.6p3, as gcc enforces it; #if accepts a comma.
      if (this.typed && live) fail('comma operator in constant expression');
      result = this.conditional(live);
    }
    return result;
  }

  private conditional(live: boolean): Operand {
    const condition = this.binary(1, live);
    if (!this.accept('?')) return condition;
    const chooseFirst = this.isTrue(condition);
    const first = this.expression(live && chooseFirst);
    this.expect(':');
    const second = this.conditional(live && !chooseFirst);
    return conditionalResult(chooseFirst ? first : second, first, second);
  }

  private binary(minPrecedence: number, live: boolean): Operand {
    let left = this.unary(live);
    for (;;) {
      const op = this.tokens[this.position];
      const precedence = op === undefined ? undefined : binaryPrecedence.get(op);
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.position++;
      let rightLive = live;
      if (op === '&&') rightLive = live && this.isTrue(left);
      if (op === '||') rightLive = live && !this.isTrue(left);
      const right = this.binary(precedence + 1, rightLive);
      left = this.applyBinary(op!, left, right, live);
    }
  }

  private applyBinary(op: string, leftOperand: Operand, rightOperand: Operand, live: boolean): Operand {
    const left = this.toInteger(leftOperand);
    const right = this.toInteger(rightOperand);
    if (op === '&&' || op === '||') {
      const value = op === '&&' ? left.value !== 0n && right.value !== 0n : left.value !== 0n || right.value !== 0n;
      return this.truth(value);
    }
    if (op === '<<' || op === '>>') return this.applyShift(op, left, right, live);
    const type = commonType(promote(left.type), promote(right.type));
    const a = wrap(left.value, type);
    const b = wrap(right.value, type);
    if (comparisonOperators.has(op)) return this.truth(compare(op as ComparisonOperator, a, b));
    const value = arithmetic(op as ArithmeticOperator, a, b, type);
    if (value !== undefined) return integer(value, type);
    if (live) fail('division by zero');
    return integer(0n, type);
  }

  private applyShift(op: '<<' | '>>', left: IntegerOperand, right: IntegerOperand, live: boolean): Operand {
    const type = promote(left.type);
    // gcc's C front end rejects a negative count as not constant; its #if shifts the other way.
    if (this.typed && right.value < 0n) {
      if (live) fail('negative shift count');
      return integer(0n, type);
    }
    return integer(shift(op, wrap(left.value, type), right.value, type), type);
  }

  // ───────────── unary operators, casts, sizeof ─────────────

  private unary(live: boolean): Operand {
    const token = this.tokens[this.position];
    switch (token) {
      case '+':
      case '-':
      case '~': {
        this.position++;
        const inner = this.unary(live);
        // A signed floating constant is still fit to be cast, as in (int)-1.5.
        if (inner.kind === 'floating' && token !== '~') return { ...inner, value: token === '-' ? -inner.value : inner.value };
        const operand = this.toInteger(inner);
        const type = promote(operand.type);
        const value = token === '+' ? operand.value : token === '-' ? -operand.value : ~operand.value;
        return integer(wrap(value, type), type);
      }
      case '!':
        this.position++;
        return this.truth(this.toInteger(this.unary(live)).value === 0n);
      case '(': {
        const cast = this.typed ? this.parenthesizedType() : undefined;
        if (cast) return this.applyCast(cast.info, cast.tokens, this.unary(live), live);
        this.position++;
        const inner = this.expression(live);
        this.expect(')');
        return inner;
      }
    }
    if (this.typed && token !== undefined && expressionKeywords.has(token)) return this.keywordExpression(token, live);
    return this.primary();
  }

  private keywordExpression(keyword: string, live: boolean): Operand {
    this.position++;
    if (keyword === '__extension__') return this.unary(live);
    if (keyword === '__builtin_offsetof') return this.offsetOf();
    const measured = this.parenthesizedType();
    const alignOf = alignofKeywords.has(keyword);
    if (measured) return integer(BigInt(checkedSize(alignOf ? measured.info.align : measured.info.size)), sizeType);
    const operand = this.unary(false);
    const size = operand.kind === 'integer' ? operand.type.size : alignOf ? operand.align : operand.size;
    return integer(BigInt(checkedSize(size)), sizeType);
  }

  /** At '(': when the parentheses hold a type name, consume them and describe the type. */
  private parenthesizedType(): { info: TypeInfo; tokens: string[] } | undefined {
    if (this.tokens[this.position] !== '(') return undefined;
    const first = this.tokens[this.position + 1];
    if (first === undefined || !identifierPattern.test(first) || expressionKeywords.has(first) || !this.env.typeName) return undefined;
    const close = this.closing[this.position]!;
    const tokens = this.tokens.slice(this.position + 1, close);
    const info = this.env.typeName(tokens);
    if (!info) return undefined;
    this.position = close + 1;
    if (this.tokens[this.position] === '{') fail('compound literals are not constant expressions');
    return { info, tokens };
  }

  private applyCast(info: TypeInfo, typeTokens: string[], operand: Operand, live: boolean): Operand {
    if (info.pointer) return { kind: 'object', what: 'pointer value', size: info.size, align: info.align };
    if (info.floating) {
      if (operand.kind === 'object') fail(`cast of a ${operand.what} to a floating type`);
      return { kind: 'floating', value: Number(operand.value), size: info.size, align: info.align };
    }
    if (!info.integer) return { kind: 'object', what: 'non-scalar value', size: info.size, align: info.align };
    let value: bigint;
    if (operand.kind === 'integer') value = operand.value;
    else if (operand.kind === 'floating' && Number.isFinite(operand.value)) value = BigInt(Math.trunc(operand.value));
    else if (!live) value = 0n;
    else fail(operand.kind === 'floating' ? 'cast of a non-finite floating constant' : `cast of a ${operand.what} to an integer type`);
    const type = { size: info.size, signed: info.signed };
    const isBoolean = info.boolean ?? (typeTokens.length === 1 && typeTokens[0] === '_Bool');
    return integer(isBoolean ? (value !== 0n ? 1n : 0n) : wrap(value, type), type);
  }

  private offsetOf(): Operand {
    if (this.tokens[this.position] !== '(') fail("expected '(' after __builtin_offsetof");
    const close = this.closing[this.position]!;
    let comma = -1;
    let depth = 0;
    for (let i = this.position + 1; i < close && comma < 0; i++) {
      const token = this.tokens[i];
      if (token === '(' || token === '[') depth++;
      else if (token === ')' || token === ']') depth--;
      else if (token === ',' && depth === 0) comma = i;
    }
    if (comma < 0) fail('__builtin_offsetof needs a type and a member');
    const type = this.tokens.slice(this.position + 1, comma);
    const member = this.tokens.slice(comma + 1, close);
    this.position = close + 1;
    const offset = this.env.offsetOf?.(type, member);
    if (offset === undefined) fail(`unknown member ${member.join('')} of ${type.join(' ')}`);
    return integer(BigInt(offset), sizeType);
  }

  // ───────────── primary expressions ─────────────

  private primary(): Operand {
    const token = this.tokens[this.position];
    if (token === undefined) fail('unexpected end of expression');
    const first = token.charCodeAt(0);
    if (isDigit(first) || (first === 46 && isDigit(token.charCodeAt(1)))) {
      this.position++;
      return this.numberOperand(token);
    }
    if (isCharLiteral(token)) {
      this.position++;
      const char = readCharLiteral(token, this.charSigned);
      if ('error' in char) fail(char.error);
      if (this.typed) return integer(char.value, char.type);
      return integer(char.value, char.type.signed ? intmaxType : uintmaxType);
    }
    if (isStringLiteral(token)) return this.stringOperand();
    if (identifierPattern.test(token)) {
      this.position++;
      if (!this.typed) return integer(0n, intmaxType);
      const value = this.env.identifier?.(token);
      if (!value) fail(`unknown identifier '${token}'`);
      const type = { size: value.size, signed: value.signed };
      return integer(wrap(value.value, type), type);
    }
    fail(`unexpected '${token}'`);
  }

  private numberOperand(text: string): Operand {
    const number = readNumber(text);
    if (number.kind === 'invalid') fail(number.error);
    if (number.kind === 'floating') {
      if (!this.typed) fail('floating constant in preprocessor expression');
      return { kind: 'floating', value: number.value, size: number.size, align: number.size };
    }
    if (this.typed) return integer(number.value, integerLiteralType(number));
    // gcc's #if makes a constant unsigned when suffixed so, or too large for intmax_t.
    return integer(number.value, number.unsignedSuffix || number.value > maxIntmax ? uintmaxType : intmaxType);
  }

  private stringOperand(): Operand {
    if (!this.typed) fail('string literal in preprocessor expression');
    const start = this.position;
    while (this.position < this.tokens.length && isStringLiteral(this.tokens[this.position]!)) this.position++;
    const size = stringLiteralSize(this.tokens.slice(start, this.position));
    if (size === undefined) fail(`invalid string literal ${this.tokens[start]}`);
    return { kind: 'object', what: 'string literal', size, align: 1 };
  }

  // ───────────── helpers ─────────────

  private toInteger(operand: Operand): IntegerOperand {
    if (operand.kind === 'integer') return operand;
    fail(operand.kind === 'floating' ? 'floating-point value in integer constant expression' : `${operand.what} in integer constant expression`);
  }

  private isTrue(operand: Operand): boolean {
    return this.toInteger(operand).value !== 0n;
  }

  private truth(value: boolean): IntegerOperand {
    return integer(value ? 1n : 0n, this.truthType);
  }

  private accept(token: string): boolean {
    if (this.tokens[this.position] !== token) return false;
    this.position++;
    return true;
  }

  private expect(token: string): void {
    if (this.accept(token)) return;
    const found = this.tokens[this.position];
    fail(found === undefined ? `expected '${token}' at end of expression` : `expected '${token}' before '${found}'`);
  }
}

/** The type of `c ? a : b` is that of both branches after the usual arithmetic conversions. */
function conditionalResult(chosen: Operand, first: Operand, second: Operand): Operand {
  if (first.kind === 'integer' && second.kind === 'integer') {
    const type = commonType(promote(first.type), promote(second.type));
    return integer(wrap((chosen as IntegerOperand).value, type), type);
  }
  if (first.kind === 'object' || second.kind === 'object') return first.kind === 'object' ? first : second;
  const size = Math.max(first.kind === 'floating' ? first.size : 0, second.kind === 'floating' ? second.size : 0);
  return { kind: 'floating', value: Number((chosen as Exclude<Operand, { kind: 'object' }>).value), size, align: size };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function checkedSize(size: number): number {
  if (size <= 0) fail('sizeof of an incomplete type');
  return size;
}

function matchParentheses(tokens: readonly string[]): Int32Array {
  const closing = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '(') open.push(i);
    else if (tokens[i] === ')') {
      const start = open.pop();
      if (start === undefined) fail("unbalanced ')'");
      closing[start] = i;
    }
  }
  if (open.length > 0) fail("missing ')'");
  return closing;
}
