// Random layout cases that gcc accepts: every construct the layout engine must get right
// (bit-fields of every width, zero-width and unnamed ones, nested and anonymous records, packed and
// aligned records and fields, enums of every underlying type, aligned typedefs, arrays, flexible
// and zero-length arrays) mixed at random. Names hold '#', which caseText replaces with the case
// id, so that many cases share one header and one gcc run. The generator knows x86-64 sizes only
// to stay valid (a bit-field no wider than its type); the answers are gcc's.

import type { Random } from './random.js';
import {
  floatingScalars, scalarSize, Style,
  type Alignment, type EnumNode, type FieldNode, type LayoutCase, type RecordNode, type ScalarName, type TypedefNode, type TypeNode,
} from './layout-case.js';

const spellings: Record<ScalarName, string[]> = {
  char: ['char'],
  'signed char': ['signed char', 'char signed'],
  'unsigned char': ['unsigned char', 'char unsigned'],
  short: ['short', 'short int', 'signed short', 'int short'],
  'unsigned short': ['unsigned short', 'unsigned short int', 'short unsigned'],
  int: ['int', 'signed', 'signed int'],
  'unsigned int': ['unsigned', 'unsigned int', 'int unsigned'],
  long: ['long', 'long int', 'signed long', 'int long'],
  'unsigned long': ['unsigned long', 'long unsigned int', 'unsigned long int'],
  'long long': ['long long', 'long long int', 'signed long long', 'long int long'],
  'unsigned long long': ['unsigned long long', 'long long unsigned', 'unsigned long long int'],
  _Bool: ['_Bool'],
  __int128: ['__int128', 'signed __int128'],
  'unsigned __int128': ['unsigned __int128', '__int128 unsigned'],
  float: ['float'],
  double: ['double'],
  'long double': ['long double', 'double long'],
};

const integerScalars: [number, ScalarName][] = [
  [3, 'char'], [2, 'signed char'], [3, 'unsigned char'], [3, 'short'], [3, 'unsigned short'], [6, 'int'], [6, 'unsigned int'],
  [3, 'long'], [3, 'unsigned long'], [3, 'long long'], [3, 'unsigned long long'], [2, '_Bool'], [1, '__int128'], [1, 'unsigned __int128'],
];
const allScalars: [number, ScalarName][] = [...integerScalars, [2, 'float'], [2, 'double'], [2, 'long double']];
const alignments = [1, 2, 4, 8, 16, 32, 64];

/** What a field may refer to: the enums, typedefs and records declared before it in the case. */
interface Scope {
  random: Random;
  members: number;
  enums: { tag: string; bits: number }[];
  typedefs: { name: string; bits?: number; size: number; arrayOk: boolean }[];
  records: { recordKind: 'struct' | 'union'; tag: string }[];
  tags: number;
}

export function generateCase(random: Random, id: number): LayoutCase {
  const scope: Scope = { random, members: 0, enums: [], typedefs: [], records: [], tags: 0 };
  const enums = Array.from({ length: random.weighted([[5, 0], [3, 1], [1, 2]]) }, (_, i) => generateEnum(scope, i));
  const typedefs = Array.from({ length: random.weighted([[6, 0], [3, 1], [1, 2]]) }, (_, i) => generateTypedef(scope, i));
  const count = random.weighted([[5, 1], [3, 2], [1, 3]]);
  const records = [];
  for (let i = 0; i < count; i++) {
    const kind = random.chance(0.7) ? 'struct' : 'union';
    const typedefName = random.chance(0.15) ? `T#_r${i}` : undefined;
    const record = generateRecord(scope, kind, 0, kind === 'struct' && random.chance(0.12));
    if (typedefName === undefined || random.chance(0.5)) record.tag = `S#_${scope.tags++}`;
    if (record.tag !== undefined) scope.records.push({ recordKind: kind, tag: record.tag });
    records.push(typedefName ? { record, typedefName } : { record });
  }
  return { id, enums, typedefs, records };
}

function generateEnum(scope: Scope, index: number): EnumNode {
  const { random } = scope;
  const tag = `E#_${index}`;
  const count = random.int(1, 4);
  const wantsNegative = random.chance(0.35);
  const constants: EnumNode['constants'] = [];
  const values: bigint[] = [];
  let previous = -1n;
  for (let i = 0; i < count; i++) {
    const implicit = i > 0 && random.chance(0.3) && previous < (1n << 62n);
    const value = implicit ? previous + 1n : enumValue(random, wantsNegative);
    constants.push(implicit ? { name: `${tag}_${i}` } : { name: `${tag}_${i}`, value });
    values.push(value);
    previous = value;
  }
  const packed = random.chance(0.25);
  scope.enums.push({ tag, bits: 8 * enumSize(values, packed) });
  return packed ? { tag, constants, packed } : { tag, constants };
}

function enumValue(random: Random, negativeAllowed: boolean): bigint {
  const kind = random.weighted([[6, 'small'], [2, 'byte'], [2, 'u32'], [2, 'u64'], [negativeAllowed ? 3 : 0, 'negative'], [negativeAllowed ? 1 : 0, 'big negative']] as const);
  switch (kind) {
    case 'small':
      return BigInt(random.int(0, 10));
    case 'byte':
      return BigInt(random.int(100, 70_000));
    case 'u32':
      return (1n << 31n) + BigInt(random.int(0, 2 ** 31 - 1));
    case 'u64':
      // below 2^63 when negatives share the enum: no type holds both
      return negativeAllowed ? (1n << 32n) + BigInt(random.next32()) : random.bits64() | (1n << 32n);
    case 'negative':
      return -BigInt(random.int(1, 200));
    case 'big negative':
      return -(1n << BigInt(random.int(31, 62))) - BigInt(random.int(0, 5));
  }
}

/** gcc's choice: int or unsigned int when the values fit, else 64 bits; packed takes the smallest size that fits. */
function enumSize(values: bigint[], packed: boolean): number {
  const min = values.reduce((a, b) => (b < a ? b : a));
  const max = values.reduce((a, b) => (b > a ? b : a));
  for (const size of packed ? [1, 2, 4, 8] : [4, 8]) {
    const bits = BigInt(8 * size);
    const fits = min < 0n ? min >= -(1n << (bits - 1n)) && max < 1n << (bits - 1n) : max < 1n << bits;
    if (fits) return size;
  }
  return 8;
}

function generateTypedef(scope: Scope, index: number): TypedefNode {
  const { random } = scope;
  const name = `T#_${index}`;
  const aligned = random.chance(0.4) ? random.pick(alignments.slice(0, 6)) : undefined;
  let type: TypeNode;
  let bits: number | undefined;
  let size: number;
  if (scope.enums.length > 0 && random.chance(0.25)) {
    const e = random.pick(scope.enums);
    type = { kind: 'enum', tag: e.tag };
    bits = e.bits;
    size = e.bits / 8;
  } else if (random.chance(0.15)) {
    const scalar = random.weighted(allScalars);
    const length = random.int(1, 4);
    type = { kind: 'array', of: scalarType(random, scalar), length };
    size = scalarSize[scalar] * length;
    // an aligned array typedef could not be an array element
    scope.typedefs.push({ name, size, arrayOk: true });
    return { name, type };
  } else {
    const scalar = random.weighted(allScalars);
    type = scalarType(random, scalar);
    size = scalarSize[scalar];
    bits = floatingScalars.has(scalar) ? undefined : scalar === '_Bool' ? 1 : 8 * size;
  }
  // gcc rejects an array whose element is aligned beyond its size
  scope.typedefs.push({ name, ...(bits !== undefined ? { bits } : {}), size, arrayOk: aligned === undefined || aligned <= size });
  return aligned !== undefined ? { name, type, aligned } : { name, type };
}

function scalarType(random: Random, name: ScalarName): TypeNode {
  return { kind: 'scalar', name, spelling: random.pick(spellings[name]) };
}

function generateRecord(scope: Scope, kind: 'struct' | 'union', depth: number, flexibleTail: boolean): RecordNode {
  const { random } = scope;
  const count = random.weighted([[1, 0], [4, 1], [6, 2], [6, 3], [5, 4], [4, 5], [3, 6], [2, 8]]);
  const fields: FieldNode[] = [];
  for (let i = 0; i < count; i++) fields.push(generateField(scope, depth));
  if (flexibleTail) {
    if (!fields.some((f) => f.name !== undefined && f.bitWidth === undefined)) fields.unshift(scalarField(scope, 'int'));
    fields.push({ name: memberName(scope), type: { kind: 'array', of: elementType(scope, depth, true), length: 'flexible' } });
  }
  joinDeclarations(random, fields);
  const record: RecordNode = { kind, fields, attributesAt: random.chance(0.5) ? 'head' : 'tail' };
  if (random.chance(0.2)) record.packed = true;
  if (random.chance(0.15)) record.aligned = alignment(random);
  if (random.chance(0.3)) record.style = styleBits(random);
  return record;
}

const joinable = new Set(['scalar', 'enum', 'typedef', 'tagged', 'pointer']);

/** A type a declaration can share: no record defined in it (that would be lost), no function pointer. */
function isJoinable(type: TypeNode): boolean {
  let element = type;
  while (element.kind === 'array') element = element.of;
  return joinable.has(element.kind) && !(element.kind === 'pointer' && element.function);
}

/** Some named fields join the declaration of the one before: `int a : 3, b;` — same type, same qualifiers. */
function joinDeclarations(random: Random, fields: FieldNode[]): void {
  for (let i = 1; i < fields.length; i++) {
    const head = fields[i - 1]!;
    const field = fields[i]!;
    if (head.name === undefined || field.name === undefined || head.alignas !== undefined || !random.chance(0.15)) continue;
    if (!isJoinable(head.type) || !isJoinable(field.type)) continue;
    const sameBitFieldType = field.bitWidth !== undefined && head.bitWidth !== undefined && JSON.stringify(field.type) === JSON.stringify(head.type);
    if (field.bitWidth !== undefined && !sameBitFieldType) continue;
    if (field.bitWidth === undefined) field.type = structuredClone(head.type);
    delete field.alignas;
    if (head.qualifiers) field.qualifiers = head.qualifiers;
    else delete field.qualifiers;
    field.joined = true;
    for (const f of [head, field]) if (f.style) f.style &= ~Style.attributesFirst;
  }
}

function alignment(random: Random): Alignment {
  return random.chance(0.1) ? 'max' : random.pick(alignments);
}

function memberName(scope: Scope): string {
  return `m#_${scope.members++}`;
}

function scalarField(scope: Scope, name: ScalarName): FieldNode {
  return { name: memberName(scope), type: scalarType(scope.random, name) };
}

function generateField(scope: Scope, depth: number): FieldNode {
  const { random } = scope;
  const kind = random.weighted([
    [32, 'bit-field'],
    [30, 'scalar'],
    [6, 'pointer'],
    [depth < 3 ? 14 : 0, 'record'],
    [scope.records.length > 0 ? 4 : 0, 'tagged'],
    [scope.enums.length > 0 ? 4 : 0, 'enum'],
    [scope.typedefs.length > 0 ? 5 : 0, 'typedef'],
    [10, 'array'],
  ] as const);
  if (kind === 'bit-field') return bitField(scope);
  if (kind === 'record') {
    const record = generateRecord(scope, random.chance(0.6) ? 'struct' : 'union', depth + 1, false);
    const anonymous = random.chance(0.5);
    if (!anonymous && random.chance(0.15)) {
      record.tag = `S#_${scope.tags++}`;
      scope.records.push({ recordKind: record.kind, tag: record.tag });
    }
    const field: FieldNode = anonymous ? { type: { kind: 'record', record } } : { name: memberName(scope), type: { kind: 'record', record } };
    return anonymous ? field : withAttributes(scope, field, undefined);
  }
  let type: TypeNode;
  let scalar: ScalarName | undefined;
  if (kind === 'array') {
    type = elementType(scope, depth, false);
    for (let dims = random.weighted([[5, 1], [1, 2]]); dims > 0; dims--) type = { kind: 'array', of: type, length: random.weighted([[1, 0], [3, 1], [4, 2], [4, 3], [2, 5]]) };
  } else if (kind === 'scalar') {
    scalar = random.weighted(allScalars);
    type = scalarType(random, scalar);
  } else type = otherType(scope, kind);
  return withAttributes(scope, { name: memberName(scope), type }, scalar);
}

function otherType(scope: Scope, kind: 'pointer' | 'tagged' | 'enum' | 'typedef'): TypeNode {
  const { random } = scope;
  switch (kind) {
    case 'pointer': {
      const targets = ['void', 'char', 'int', ...scope.records.map((r) => `${r.recordKind} ${r.tag}`)];
      return random.chance(0.2) ? { kind: 'pointer', target: 'int', function: true } : { kind: 'pointer', target: random.pick(targets) };
    }
    case 'tagged':
      return { kind: 'tagged', ...random.pick(scope.records) };
    case 'enum':
      return { kind: 'enum', tag: random.pick(scope.enums).tag };
    case 'typedef':
      return { kind: 'typedef', name: random.pick(scope.typedefs).name };
  }
}

/** The element of an array: anything but a typedef aligned beyond its size (and, for a flexible array, no record). */
function elementType(scope: Scope, depth: number, flexible: boolean): TypeNode {
  const { random } = scope;
  const typedefs = scope.typedefs.filter((t) => t.arrayOk);
  const kind = random.weighted([
    [10, 'scalar'],
    [2, 'pointer'],
    [!flexible && depth < 3 ? 3 : 0, 'record'],
    [!flexible && scope.records.length > 0 ? 2 : 0, 'tagged'],
    [scope.enums.length > 0 ? 1 : 0, 'enum'],
    [typedefs.length > 0 ? 2 : 0, 'typedef'],
  ] as const);
  if (kind === 'scalar') return scalarType(random, random.weighted(allScalars));
  if (kind === 'record') return { kind: 'record', record: generateRecord(scope, random.chance(0.6) ? 'struct' : 'union', depth + 1, false) };
  if (kind === 'typedef') return { kind: 'typedef', name: random.pick(typedefs).name };
  return otherType(scope, kind);
}

/** packed, aligned(N) and _Alignas(N) on a member that is no bit-field (_Alignas only where it cannot lower the alignment). */
function withAttributes(scope: Scope, field: FieldNode, scalar: ScalarName | undefined): FieldNode {
  const { random } = scope;
  withStyle(random, field);
  if (random.chance(0.1)) field.packed = true;
  if (random.chance(0.1)) field.aligned = alignment(random);
  if (scalar !== undefined && random.chance(0.06)) {
    field.alignas = random.pick(alignments.filter((a) => a >= Math.min(16, scalarSize[scalar])));
  }
  return field;
}

/** Typedefs a bit-field may have as its type. */
function bitFieldTypedefs(scope: Scope): Scope['typedefs'] {
  return scope.typedefs.filter((t) => t.bits !== undefined);
}

function bitField(scope: Scope): FieldNode {
  const { random } = scope;
  const source = random.weighted([
    [10, 'scalar'],
    [scope.enums.length > 0 ? 2 : 0, 'enum'],
    [bitFieldTypedefs(scope).length > 0 ? 2 : 0, 'typedef'],
  ] as const);
  let type: TypeNode;
  let bits: number;
  if (source === 'enum') {
    const e = random.pick(scope.enums);
    type = { kind: 'enum', tag: e.tag };
    bits = e.bits;
  } else if (source === 'typedef') {
    const t = random.pick(bitFieldTypedefs(scope));
    type = { kind: 'typedef', name: t.name };
    bits = t.bits!;
  } else {
    const scalar = random.weighted(integerScalars);
    type = scalarType(random, scalar);
    bits = scalar === '_Bool' ? 1 : 8 * scalarSize[scalar];
  }
  const width = random.weighted([[2, 0], [3, 1], [2, bits], [1, Math.max(bits - 1, 0)], [10, random.int(0, bits)], [4, random.int(1, Math.min(bits, 9))]]);
  const unnamed = width === 0 || random.chance(0.12);
  const field: FieldNode = unnamed ? { type, bitWidth: width } : { name: memberName(scope), type, bitWidth: width };
  if (random.chance(0.1)) field.packed = true;
  if (!unnamed && random.chance(0.04)) field.aligned = alignment(random);
  withStyle(random, field);
  if (field.qualifiers === 'const') delete field.qualifiers;
  return field;
}

/** Spelling variations and qualifiers, which must change nothing in the layout. */
function withStyle(random: Random, field: FieldNode): void {
  if (random.chance(0.3)) field.style = styleBits(random);
  // const on a record would keep the probe from setting its bit-fields
  if (random.chance(0.08) && !containsRecord(field.type)) field.qualifiers = random.pick(['const', 'volatile', 'const volatile'] as const);
}

function styleBits(random: Random): number {
  return random.int(1, 15);
}

function containsRecord(type: TypeNode): boolean {
  if (type.kind === 'array') return containsRecord(type.of);
  return type.kind === 'record' || type.kind === 'tagged' || type.kind === 'typedef';
}
