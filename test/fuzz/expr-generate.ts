// Random constant expressions for #if and for typed constants, free of undefined behaviour where
// evaluated (the model in expr-tree.ts rejects a draw, and another is drawn). Literals come in
// every spelling (decimal, octal, hex, suffixes, character constants), values cluster at the
// edges of int, unsigned, long and unsigned long, and some subtrees go through macros.

import type { Random } from './random.js';
import {
  evaluate, intmax, types, uintmax, UndefinedBehaviour,
  type BinaryOperator, type Expr, type IntType, type MacroForm, type Mode,
} from './expr-tree.js';

/** Names a case may test with `defined`, and the enum constants typed expressions may use. */
export interface ExprScope {
  defined: string[];
  undefined: string[];
  /** typed mode: enum constants and their values and types */
  enumConstants: { name: string; value: bigint; type: IntType }[];
  /** typed mode: type spellings with their size and alignment, for sizeof and _Alignof */
  measurable: { text: string; size: number; align: number }[];
  /** typed mode: more types to cast to, e.g. a typedef of unsigned short spelled by its name */
  castTypes?: IntType[];
}

const edges = [
  0n, 1n, 2n, 7n, 8n, 15n, 16n, 31n, 32n, 63n, 64n, 127n, 128n, 255n, 256n, 32767n, 32768n, 65535n, 65536n,
  (1n << 31n) - 1n, 1n << 31n, (1n << 32n) - 1n, 1n << 32n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n,
];

const castTargets = Object.values(types);

export function literal(random: Random, mode: Mode): Expr {
  if (random.chance(0.12)) return charLiteral(random, mode);
  let value = random.weighted([
    [6, () => BigInt(random.int(0, 20))],
    [3, () => random.pick(edges)],
    [2, () => BigInt(random.int(0, 70_000))],
    [1, () => random.bits64() >> BigInt(random.int(0, 63))],
  ])();
  const base = random.weighted([[6, 10], [3, 16], [1, 8]] as const);
  let suffix = random.weighted([[8, ''], [2, 'u'], [1, 'U'], [1, 'l'], [1, 'L'], [1, 'ul'], [1, 'LU'], [1, 'll'], [1, 'ULL'], [1, 'llu']]);
  // a decimal constant above LLONG_MAX has no type without a u suffix
  if (base === 10 && value >= 1n << 63n && !/u/i.test(suffix)) suffix += 'u';
  if (value >= 1n << 64n) value = (1n << 64n) - 1n;
  const digits = base === 16 ? `0${random.chance(0.5) ? 'x' : 'X'}${random.chance(0.5) ? value.toString(16) : value.toString(16).toUpperCase()}` : base === 8 ? `0${value.toString(8)}` : value.toString();
  return { kind: 'literal', text: `${digits}${suffix}`, value, type: literalType(value, base, suffix, mode) };
}

/** C11 6.4.4.1 on LP64; in #if every constant is intmax_t or, with u or too large, uintmax_t. */
function literalType(value: bigint, base: number, suffix: string, mode: Mode): IntType {
  const unsigned = /u/i.test(suffix);
  if (mode === 'preprocessor') return unsigned || value >= 1n << 63n ? uintmax : intmax;
  const longs = (suffix.match(/l/gi) ?? []).length;
  const candidates: IntType[] = [];
  const add = (signed: IntType, unsignedType: IntType) => {
    if (!unsigned) candidates.push(signed);
    if (unsigned || base !== 10) candidates.push(unsignedType);
  };
  if (longs === 0) add(types.int, types.uint);
  if (longs <= 1) add(types.long, types.ulong);
  add(types.llong, types.ullong);
  return candidates.find((type) => value < 1n << BigInt(type.signed ? type.bits - 1 : type.bits))!;
}

const simpleEscapes: [string, number][] = [['\\n', 10], ['\\t', 9], ['\\0', 0], ['\\\\', 92], ["\\'", 39], ['\\"', 34], ['\\a', 7], ['\\x41', 65], ['\\177', 127], ['\\377', 255], ['\\x80', 128], ['\\200', 128]];

function charLiteral(random: Random, mode: Mode): Expr {
  const type = mode === 'preprocessor' ? intmax : types.int;
  if (random.chance(0.15)) {
    // gcc: a multi-character constant is the bytes as digits of base 256, as an int
    const chars = Array.from({ length: random.int(2, 4) }, () => String.fromCharCode(random.int(0x61, 0x7a)));
    const value = chars.reduce((v, c) => (v << 8n) | BigInt(c.charCodeAt(0)), 0n);
    return { kind: 'literal', text: `'${chars.join('')}'`, value, type };
  }
  const [spelling, code] = random.chance(0.5) ? random.pick(simpleEscapes) : ((c) => [c, c.charCodeAt(0)] as [string, number])(String.fromCharCode(random.int(0x20, 0x7e)));
  // '@' stands for the case id in a case's text
  if (spelling === "'" || spelling === '\\' || spelling === '@') return { kind: 'literal', text: "'a'", value: 97n, type };
  // plain char is signed on x86-64: '\377' is -1
  return { kind: 'literal', text: `'${spelling}'`, value: BigInt.asIntN(8, BigInt(code)), type };
}

const binaryOperators: [number, BinaryOperator][] = [
  [3, '+'], [3, '-'], [2, '*'], [2, '/'], [2, '%'], [2, '<<'], [2, '>>'], [2, '<'], [1, '>'], [1, '<='], [1, '>='], [2, '=='], [2, '!='],
  [2, '&'], [2, '^'], [2, '|'], [2, '&&'], [2, '||'],
];

function leaf(random: Random, mode: Mode, scope: ExprScope): Expr {
  const kind = random.weighted([
    [14, 'literal'],
    [mode === 'preprocessor' ? 2 : scope.enumConstants.length > 0 ? 2 : 0, 'identifier'],
    [mode === 'preprocessor' ? 3 : 0, 'defined'],
    [mode === 'typed' && scope.measurable.length > 0 ? 2 : 0, 'measure'],
  ] as const);
  if (kind === 'literal') return literal(random, mode);
  if (kind === 'measure') {
    const m = random.pick(scope.measurable);
    const align = random.chance(0.3);
    return { kind: 'measure', text: `${align ? '_Alignof' : 'sizeof'} ( ${m.text} )`, value: BigInt(align ? m.align : m.size) };
  }
  if (kind === 'identifier') {
    if (mode === 'typed') return { kind: 'identifier', ...random.pick(scope.enumConstants) };
    const name = random.pick(scope.undefined);
    return { kind: 'identifier', name, value: 0n, type: intmax };
  }
  const isDefined = random.chance(0.5);
  const name = random.pick(isDefined ? scope.defined : scope.undefined);
  return { kind: 'defined', name, parenthesized: random.chance(0.5), value: isDefined ? 1n : 0n };
}

function tree(random: Random, mode: Mode, scope: ExprScope, depth: number): Expr {
  if (depth <= 0 || random.chance(0.2)) return leaf(random, mode, scope);
  const kind = random.weighted([
    [12, 'binary'],
    [3, 'unary'],
    [2, 'conditional'],
    [mode === 'typed' ? 2 : 0, 'cast'],
    [mode === 'typed' ? 0.5 : 0, 'sizeof'],
    [mode === 'preprocessor' ? 0.3 : 0, 'comma'],
  ] as const);
  const sub = () => tree(random, mode, scope, depth - 1);
  switch (kind) {
    case 'unary':
      return { kind: 'unary', op: random.pick(['+', '-', '~', '!'] as const), operand: sub() };
    case 'conditional':
      return { kind: 'conditional', condition: sub(), then: sub(), otherwise: sub() };
    case 'cast':
      return { kind: 'cast', to: random.pick([...castTargets, ...(scope.castTypes ?? [])]), operand: sub() };
    case 'sizeof':
      return { kind: 'sizeof', operand: sub() };
    case 'comma':
      return { kind: 'comma', left: sub(), right: sub(), parenthesized: true };
    case 'binary': {
      const op = random.weighted(binaryOperators);
      // shift counts are mostly small constants, or nearly every shift would be undefined
      const right = (op === '<<' || op === '>>') && random.chance(0.8) ? smallCount(random, mode) : sub();
      return { kind: 'binary', op, left: sub(), right };
    }
  }
}

function smallCount(random: Random, mode: Mode): Expr {
  const value = BigInt(random.int(0, mode === 'preprocessor' ? 63 : 31));
  return { kind: 'literal', text: value.toString(), value, type: mode === 'preprocessor' ? intmax : types.int };
}

const macroForms: MacroForm[] = ['object', 'object-bare', 'function', 'function-bare', 'paste', 'identity'];

/** Marks some subtrees to be written through macros (never one holding `defined`: that is undefined). */
function withMacros(random: Random, e: Expr, probability: number): boolean {
  let hasDefined = e.kind === 'defined';
  for (const child of children(e)) if (withMacros(random, child, probability)) hasDefined = true;
  if (!hasDefined && random.chance(probability)) {
    const usable = macroForms.filter((f) => (f !== 'paste' || (e.kind === 'literal' && /^\d/.test(e.text))) && (!f.startsWith('function') || e.kind === 'binary'));
    e.macro = random.pick(usable);
  }
  if (random.chance(0.08)) e.parenthesized = true;
  return hasDefined;
}

export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary':
    case 'cast':
    case 'sizeof':
      return [e.operand];
    case 'binary':
    case 'comma':
      return [e.left, e.right];
    case 'conditional':
      return [e.condition, e.then, e.otherwise];
    default:
      return [];
  }
}

/** Whether the model finds no undefined behaviour where `e` is evaluated. */
export function isDefined(e: Expr, mode: Mode): boolean {
  try {
    evaluate(e, mode);
    return true;
  } catch (error) {
    if (error instanceof UndefinedBehaviour) return false;
    throw error;
  }
}

/** A random expression free of evaluated undefined behaviour. */
export function generateExpression(random: Random, mode: Mode, scope: ExprScope): Expr {
  for (;;) {
    const e = tree(random, mode, scope, random.int(1, 5));
    if (!isDefined(e, mode)) continue;
    withMacros(random, e, 0.2);
    return e;
  }
}
