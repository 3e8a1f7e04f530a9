// A random layout case as data: records (nested, anonymous), bit-fields, enums, typedefs and
// layout attributes, with the C text that declares them. The generator builds these, the shrinker
// makes them smaller, and `renderCase` is the only place that spells C.

export type ScalarName =
  | 'char' | 'signed char' | 'unsigned char' | 'short' | 'unsigned short' | 'int' | 'unsigned int'
  | 'long' | 'unsigned long' | 'long long' | 'unsigned long long' | '_Bool' | '__int128' | 'unsigned __int128'
  | 'float' | 'double' | 'long double';

/** Size in bytes on x86-64; a bit-field of an integer type is at most 8 × size bits wide (_Bool: 1). */
export const scalarSize: Record<ScalarName, number> = {
  char: 1, 'signed char': 1, 'unsigned char': 1, short: 2, 'unsigned short': 2, int: 4, 'unsigned int': 4,
  long: 8, 'unsigned long': 8, 'long long': 8, 'unsigned long long': 8, _Bool: 1, __int128: 16, 'unsigned __int128': 16,
  float: 4, double: 8, 'long double': 16,
};

export const floatingScalars: ReadonlySet<ScalarName> = new Set(['float', 'double', 'long double']);

export type Alignment = number | 'max';

export type TypeNode =
  /** `spelling` is one of the ways C lets the type be written ('long unsigned int') */
  | { kind: 'scalar'; name: ScalarName; spelling: string }
  /** a pointer to `target` ('void', 'char', 'struct S1_0'), or with `function` a pointer to `int (int)` */
  | { kind: 'pointer'; target: string; function?: boolean }
  | { kind: 'enum'; tag: string }
  | { kind: 'typedef'; name: string }
  /** a record declared earlier in the case, by its tag */
  | { kind: 'tagged'; recordKind: 'struct' | 'union'; tag: string }
  /** a record defined right here */
  | { kind: 'record'; record: RecordNode }
  | { kind: 'array'; of: TypeNode; length: number | 'flexible' };

/** Ways of writing the same thing, as bits: they exercise the parser, not the layout. */
export const Style = {
  /** `__packed__`, `__aligned__(8)` */
  underscores: 1,
  /** one `__attribute__((…))` per attribute */
  separateAttributes: 2,
  /** a field's attributes before its type */
  attributesFirst: 4,
  /** bit widths, array lengths and alignments as constant expressions, e.g. `sizeof(char[3])` */
  expressions: 8,
} as const;

export interface FieldNode {
  /** undefined: an anonymous struct/union member, or an unnamed bit-field */
  name?: string;
  type: TypeNode;
  bitWidth?: number;
  aligned?: Alignment;
  packed?: boolean;
  /** C11 `_Alignas(N)` before the type */
  alignas?: number;
  qualifiers?: 'const' | 'volatile' | 'const volatile';
  /** declared in the same declaration as the field before it (same type): `int a : 3, b;` */
  joined?: boolean;
  style?: number;
}

export interface RecordNode {
  kind: 'struct' | 'union';
  tag?: string;
  fields: FieldNode[];
  packed?: boolean;
  aligned?: Alignment;
  /** where the attributes are written: after the keyword, or after the closing brace */
  attributesAt: 'head' | 'tail';
  style?: number;
}

export interface EnumNode {
  tag: string;
  /** value undefined: written without an initializer (the previous value + 1) */
  constants: { name: string; value?: bigint }[];
  packed?: boolean;
}

export interface TypedefNode {
  name: string;
  type: TypeNode;
  aligned?: number;
}

export interface TopRecord {
  record: RecordNode;
  /** declared as `typedef struct … NAME;` */
  typedefName?: string;
}

export interface LayoutCase {
  id: number;
  enums: EnumNode[];
  typedefs: TypedefNode[];
  records: TopRecord[];
}

/** A number as C text: itself, or (with Style.expressions) a constant expression worth `n`. */
function numberText(n: number, style = 0): string {
  if (!(style & Style.expressions)) return String(n);
  return [`(${n} + 0)`, `sizeof(char[${n}])`, `(1 ? ${n} : 0)`][n % 3]!;
}

function attributeText(parts: string[], style = 0): string {
  if (parts.length === 0) return '';
  if (style & Style.separateAttributes) return parts.map((p) => ` __attribute__((${p}))`).join('');
  return ` __attribute__((${parts.join(', ')}))`;
}

function layoutAttributes(node: { packed?: boolean; aligned?: Alignment; style?: number }): string {
  const style = node.style ?? 0;
  const word = (w: string) => (style & Style.underscores ? `__${w}__` : w);
  const parts: string[] = [];
  if (node.packed) parts.push(word('packed'));
  if (node.aligned !== undefined) parts.push(node.aligned === 'max' ? word('aligned') : `${word('aligned')}(${numberText(node.aligned, style)})`);
  return attributeText(parts, style);
}

/** `type declarator` as C spells it, e.g. `int (*f[2])(int)` for an array of function pointers. */
export function declare(type: TypeNode, declarator: string, indent: string, style = 0): string {
  switch (type.kind) {
    case 'scalar':
      return `${type.spelling} ${declarator}`;
    case 'pointer':
      return type.function ? `int (*${declarator})(int)` : `${type.target} *${declarator}`;
    case 'enum':
      return `enum ${type.tag} ${declarator}`;
    case 'typedef':
      return `${type.name} ${declarator}`;
    case 'tagged':
      return `${type.recordKind} ${type.tag} ${declarator}`;
    case 'record':
      return `${renderRecord(type.record, indent)} ${declarator}`;
    case 'array':
      return declare(type.of, `${declarator}[${type.length === 'flexible' ? '' : numberText(type.length, style)}]`, indent, style);
  }
}

/** The declarator alone, for a field that shares its predecessor's declaration. */
function declaratorOnly(type: TypeNode, declarator: string, style: number): string {
  if (type.kind === 'array') return declaratorOnly(type.of, `${declarator}[${type.length === 'flexible' ? '' : numberText(type.length, style)}]`, style);
  return type.kind === 'pointer' ? `*${declarator}` : declarator;
}

function fieldTail(field: FieldNode, style: number): string {
  const width = field.bitWidth !== undefined ? ` : ${numberText(field.bitWidth, style)}` : '';
  return `${width}${style & Style.attributesFirst ? '' : layoutAttributes(field)}`;
}

function renderFields(fields: readonly FieldNode[], indent: string): string {
  let out = '';
  fields.forEach((field, i) => {
    const style = field.style ?? 0;
    const next = fields[i + 1];
    const end = next?.joined ? ',' : ';\n';
    if (field.joined && i > 0) {
      out += ` ${declaratorOnly(field.type, field.name ?? '', style)}${fieldTail(field, style)}${end}`;
      return;
    }
    const before = style & Style.attributesFirst ? layoutAttributes(field).trimStart() : '';
    const first = before ? `${before} ` : '';
    const alignas = field.alignas !== undefined ? `_Alignas(${numberText(field.alignas, style)}) ` : '';
    const qualifiers = field.qualifiers ? `${field.qualifiers} ` : '';
    const declared = declare(field.type, field.name ?? '', indent, style).trimEnd();
    out += `${indent}${first}${alignas}${qualifiers}${declared}${fieldTail(field, style)}${end}`;
  });
  return out;
}

export function renderRecord(record: RecordNode, indent: string): string {
  const attributes = layoutAttributes(record);
  const head = record.attributesAt === 'head' ? attributes : '';
  const tail = record.attributesAt === 'tail' ? attributes : '';
  const tag = record.tag !== undefined ? ` ${record.tag}` : '';
  return `${record.kind}${head}${tag} {\n${renderFields(record.fields, `${indent}  `)}${indent}}${tail}`;
}

/** An enum value as a literal of a type that holds it. */
export function enumValueText(value: bigint): string {
  if (value >= 0n) return value < 1n << 31n ? String(value) : `0x${value.toString(16)}ULL`;
  if (value === -(1n << 63n)) return '(-0x7fffffffffffffffLL - 1)';
  return value >= -(1n << 31n) ? String(value) : `-0x${(-value).toString(16)}LL`;
}

function renderEnum(e: EnumNode): string {
  const head = e.packed ? attributeText(['packed']) : '';
  const constants = e.constants.map((c) => `  ${c.name}${c.value !== undefined ? ` = ${enumValueText(c.value)}` : ''},\n`).join('');
  return `enum${head} ${e.tag} {\n${constants}};`;
}

function renderTypedef(t: TypedefNode): string {
  return `typedef ${declare(t.type, t.name, '')}${t.aligned !== undefined ? attributeText([`aligned(${t.aligned})`]) : ''};`;
}

export function renderCase(c: LayoutCase): string {
  const parts = [
    ...c.enums.map(renderEnum),
    ...c.typedefs.map(renderTypedef),
    ...c.records.map((r) => (r.typedefName ? `typedef ${renderRecord(r.record, '')} ${r.typedefName};` : `${renderRecord(r.record, '')};`)),
  ];
  return `${parts.join('\n')}\n`;
}

/** How big a case is, for the shrinker: every field, attribute, array, constant and declaration counts. */
export function caseWeight(c: LayoutCase): number {
  let weight = 0;
  const typeWeight = (t: TypeNode): number => {
    if (t.kind === 'record') return 2 + recordWeight(t.record);
    if (t.kind === 'array') return 1 + (t.length === 'flexible' ? 0 : t.length) + typeWeight(t.of);
    if (t.kind === 'scalar') return t.name === 'int' ? 0 : 1;
    return 1;
  };
  const recordWeight = (r: RecordNode): number =>
    (r.packed ? 1 : 0) + (r.aligned !== undefined ? 1 : 0) + (r.style ? 1 : 0) + r.fields.reduce((sum, f) => sum + fieldWeight(f), 0);
  const fieldWeight = (f: FieldNode): number =>
    3 + typeWeight(f.type) + (f.bitWidth ?? 0) / 8 + (f.aligned !== undefined ? 1 : 0) + (f.packed ? 1 : 0) + (f.alignas !== undefined ? 1 : 0) +
    (f.qualifiers ? 1 : 0) + (f.joined ? 1 : 0) + (f.style ? 1 : 0);
  for (const e of c.enums) weight += 2 + e.constants.length + (e.packed ? 1 : 0);
  for (const t of c.typedefs) weight += 2 + typeWeight(t.type) + (t.aligned !== undefined ? 1 : 0);
  for (const r of c.records) weight += 2 + recordWeight(r.record) + (r.typedefName ? 1 : 0);
  return weight;
}

/** The case number a name made by the generator carries: S12_0, E12_3_1, T12_0, m12_4 → 12. */
export function caseIdOf(text: string): number | undefined {
  const match = /\b[SETm](\d+)_/.exec(text);
  return match ? Number(match[1]) : undefined;
}
