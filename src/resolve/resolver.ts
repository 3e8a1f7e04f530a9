// The state of one resolve: every TypeRef becomes a CType, records are laid out on first need
// (a member's type, a sizeof, an offsetof) and enums are valued on first need, so the order of
// declarations never matters and each thing is computed once.

import type {
  BuiltinTypeName,
  ConstExpr,
  CType,
  Declarations,
  Diagnostic,
  EnumConstantValue,
  FieldDecl,
  FieldLayout,
  IntegerValue,
  LayoutAttributes,
  Origin,
  RecordLayout,
  Target,
  TypedefDecl,
  TypeRef,
} from '../types.js';
import { evaluate, parseIntegerLiteral, type EvalEnv } from '../cexpr/index.js';
import { diagnostic } from '../diagnostics.js';
import { alignOf, arrayType, builtinType, integerAlignByBits, pointerType, realigned, sizeOf, systemType } from './ctypes.js';
import { enumUnderlyingType } from './enums.js';
import { bitsPerByte, placeStructMembers, placeUnionMembers, type MemberToPlace, type PlacedMember } from './layout.js';
import { typedEnv, type TypeScope } from './type-names.js';
import { typeText } from './type-text.js';

type RecordType = Extract<CType, { kind: 'record' }>;
type EnumType = Extract<CType, { kind: 'enum' }>;

const enum Progress {
  NotStarted,
  Running,
  Done,
}

export class Resolver implements TypeScope {
  readonly diagnostics: Diagnostic[] = [];
  readonly layouts: RecordLayout[] = [];
  /** one object per record, shared by every type that names it, filled in when laid out */
  private readonly recordTypes: RecordType[];
  private readonly recordProgress: Progress[];
  private readonly enumTypes: (EnumType | undefined)[] = [];
  private readonly enumValues: (bigint[] | undefined)[] = [];
  private readonly typedefDecls = new Map<string, TypedefDecl>();
  private readonly typedefTypes = new Map<string, CType | null>();
  private readonly tags = new Map<string, { kind: 'struct' | 'union' | 'enum'; id: number }>();
  private readonly enumConstantOwner = new Map<string, number>();
  private readonly enumConstantValues = new Map<string, IntegerValue>();
  private readonly reportedUnknown = new Set<string>();
  private readonly builtins = new Map<BuiltinTypeName, CType>();
  private readonly pointerTypes = new Map<CType, CType>();
  private readonly biggestAlign: number;
  private readonly integerAlignByBits: ReadonlyMap<number, number>;
  readonly env: EvalEnv;

  constructor(
    private readonly decls: Declarations,
    readonly target: Target,
  ) {
    this.recordTypes = decls.records.map((r) => ({ kind: 'record', id: r.id, size: 0, align: 1, complete: false }));
    this.recordProgress = decls.records.map(() => Progress.NotStarted);
    for (const record of decls.records) if (record.tag !== undefined) this.tags.set(`${record.kind} ${record.tag}`, { kind: record.kind, id: record.id });
    for (const enumDecl of decls.enums) {
      if (enumDecl.tag !== undefined) this.tags.set(`enum ${enumDecl.tag}`, { kind: 'enum', id: enumDecl.id });
      for (const constant of enumDecl.constants ?? []) {
        if (!this.enumConstantOwner.has(constant.name)) this.enumConstantOwner.set(constant.name, enumDecl.id);
      }
    }
    for (const typedef of decls.typedefs) if (!this.typedefDecls.has(typedef.name)) this.typedefDecls.set(typedef.name, typedef);
    this.biggestAlign = biggestAlignment(target);
    this.integerAlignByBits = integerAlignByBits(target);
    this.env = typedEnv(this, target, (name) => this.enumConstant(name));
  }

  // ─────────────── TypeScope, for type names in expressions ───────────────

  builtin(name: BuiltinTypeName): CType {
    let type = this.builtins.get(name);
    if (!type) this.builtins.set(name, (type = builtinType(name, this.target)));
    return type;
  }

  /** One pointer type per pointee: most declarations point to the same few types. */
  pointerTo(type: CType): CType {
    let pointer = this.pointerTypes.get(type);
    if (!pointer) this.pointerTypes.set(type, (pointer = pointerType(type, this.target)));
    return pointer;
  }

  arrayOf(type: CType, length: number): CType {
    this.complete(type);
    return arrayType(type, length);
  }

  typedef(name: string): CType | undefined {
    const type = this.lookupTypedef(name);
    if (type) this.complete(type);
    return type;
  }

  tagged(kind: 'struct' | 'union' | 'enum', tag: string): CType | undefined {
    const found = this.tags.get(`${kind} ${tag}`);
    if (!found || found.kind !== kind) return undefined;
    if (kind === 'enum') return this.enumType(found.id);
    this.layoutRecord(found.id);
    return this.recordTypes[found.id];
  }

  record(id: number): RecordLayout | undefined {
    this.layoutRecord(id);
    return this.layouts[id];
  }

  evaluateIndex(tokens: string[]): number | undefined {
    const result = evaluate(tokens, this.env);
    return result.ok ? Number(result.value.value) : undefined;
  }

  // ─────────────── types ───────────────

  typeOf(ref: TypeRef, origin: Origin): CType {
    switch (ref.kind) {
      case 'builtin':
        return this.builtin(ref.name);
      case 'typedef':
        return this.lookupTypedef(ref.name) ?? this.unknownType(ref.name, origin);
      case 'record':
        return this.recordTypes[ref.id]!;
      case 'enum':
        return this.enumType(ref.id);
      case 'pointer':
        return this.pointerTo(this.typeOf(ref.to, origin));
      case 'array': {
        const of = this.typeOf(ref.of, origin);
        this.complete(of);
        if (!ref.length) return arrayType(of, 'flexible');
        const length = this.evaluateInteger(ref.length);
        return arrayType(of, length === undefined ? 0 : Number(length));
      }
      case 'function':
        return {
          kind: 'function',
          returns: this.typeOf(ref.returns, origin),
          params: ref.params.map((param) => this.typeOf(param.type, origin)),
          variadic: ref.variadic,
          size: 1,
          align: 1,
        };
    }
  }

  /** A typedef of the headers, else a type the target's system headers declare. */
  lookupTypedef(name: string): CType | undefined {
    const known = this.typedefTypes.get(name);
    if (known) return known;
    if (known === null) return undefined; // a typedef that names itself
    const decl = this.typedefDecls.get(name);
    if (decl) {
      this.typedefTypes.set(name, null);
      let type = this.typeOf(decl.type, decl.origin);
      const align = this.alignment(decl.attributes);
      if (align !== undefined) {
        this.complete(type);
        type = realigned(type, align);
      }
      this.typedefTypes.set(name, type);
      return type;
    }
    const system = this.target.systemTypes[name];
    if (!system) return undefined;
    const type = systemType(name, system, this.target);
    this.typedefTypes.set(name, type);
    return type;
  }

  private unknownType(name: string, origin: Origin): CType {
    if (!this.reportedUnknown.has(name)) {
      this.reportedUnknown.add(name);
      this.diagnostics.push(diagnostic('GI4001', [name, this.target.name], origin));
    }
    return { kind: 'opaque', name, size: 0, align: 1 };
  }

  /** Lay out the record a type holds by value, so its size is known. */
  private complete(type: CType): void {
    if (type.kind === 'record') this.layoutRecord(type.id);
  }

  // ─────────────── records ───────────────

  layoutRecord(id: number): void {
    if (this.recordProgress[id] !== Progress.NotStarted) return;
    this.recordProgress[id] = Progress.Running;
    const decl = this.decls.records[id]!;
    const layout: RecordLayout = { id, kind: decl.kind, typedefNames: [], complete: false, size: 0, align: 1, fields: [], origin: decl.origin };
    if (decl.tag !== undefined) layout.tag = decl.tag;
    this.layouts[id] = layout;
    if (decl.fields) {
      const recordPacked = decl.attributes.packed === true;
      const types: CType[] = [];
      const members = decl.fields.map((field) => {
        const type = this.memberType(field);
        types.push(type);
        return this.memberToPlace(field, type, recordPacked);
      });
      const recordAligned = this.alignment(decl.attributes);
      const shape = decl.kind === 'union' ? placeUnionMembers(members, recordAligned) : placeStructMembers(members, recordAligned, this.biggestAlign);
      layout.fields = decl.fields.map((field, index) => fieldLayout(field, types[index]!, shape.members[index]!, members[index]!.bitWidth));
      layout.complete = true;
      layout.size = shape.size;
      layout.align = shape.align;
      const recordType = this.recordTypes[id]!;
      recordType.size = shape.size;
      recordType.align = shape.align;
      recordType.complete = true;
    }
    this.recordProgress[id] = Progress.Done;
  }

  /** A member's type, laid out if it is a record held by value, and checked to be complete. */
  private memberType(field: FieldDecl): CType {
    const type = this.typeOf(field.type, field.origin);
    this.complete(type);
    this.checkComplete(type, field.name, field.origin);
    return type;
  }

  private memberToPlace(field: FieldDecl, type: CType, recordPacked: boolean): MemberToPlace {
    const member: MemberToPlace = { size: sizeOf(type), align: alignOf(type), named: field.name !== undefined, packed: recordPacked || field.attributes.packed === true };
    const aligned = this.memberAlignment(field.attributes);
    if (aligned !== undefined) member.aligned = aligned;
    if (field.bitWidth) {
      member.bitWidth = this.bitWidth(field.bitWidth, field.name, type);
      const wholeIntegerAlign = this.integerAlignByBits.get(member.bitWidth);
      if (wholeIntegerAlign !== undefined) member.wholeIntegerAlign = wholeIntegerAlign;
    }
    return member;
  }

  private checkComplete(type: CType, name: string | undefined, origin: Origin): void {
    const incomplete =
      type.kind === 'void' ||
      type.kind === 'function' ||
      ((type.kind === 'record' || type.kind === 'enum') && !type.complete) ||
      (type.kind === 'opaque' && !this.reportedUnknown.has(type.name)) ||
      (type.kind === 'array' && (type.of.kind === 'record' || type.of.kind === 'enum') && !type.of.complete);
    if (incomplete) this.diagnostics.push(diagnostic('GI4003', [name ?? '(anonymous)', this.describe(type)], origin));
  }

  private describe(type: CType): string {
    switch (type.kind) {
      case 'record': {
        const decl = this.decls.records[type.id]!;
        return `${decl.kind} ${decl.tag ?? '(anonymous)'}`;
      }
      case 'enum':
        return `enum ${this.decls.enums[type.id]!.tag ?? '(anonymous)'}`;
      case 'opaque':
        return type.name;
      case 'array':
        return `${this.describe(type.of)} []`;
      default:
        return type.kind;
    }
  }

  private bitWidth(expr: ConstExpr, name: string | undefined, type: CType): number {
    const width = Number(this.evaluateInteger(expr) ?? 0n);
    if (width > sizeOf(type) * bitsPerByte) this.diagnostics.push(diagnostic('GI4004', [name ?? '(unnamed)'], expr.origin));
    return width;
  }

  /** The last aligned(N) of a record or typedef, in bytes; bare `aligned` is the target's biggest alignment. */
  private alignment(attributes: LayoutAttributes | undefined): number | undefined {
    const aligned = attributes?.aligned;
    return aligned === undefined ? undefined : this.requestedAlignment(aligned);
  }

  /** A member takes the largest of its aligned(N) and _Alignas requests, whatever their order (gcc). */
  private memberAlignment(attributes: LayoutAttributes): number | undefined {
    let largest = this.alignment(attributes);
    for (const request of attributes.earlierAligned ?? []) {
      const align = this.requestedAlignment(request);
      if (align !== undefined && (largest === undefined || align > largest)) largest = align;
    }
    return largest;
  }

  private requestedAlignment(request: ConstExpr | 'max'): number | undefined {
    if (request === 'max') return this.biggestAlign;
    const value = this.evaluateInteger(request);
    return value === undefined ? undefined : Number(value);
  }

  // ─────────────── enums and constants ───────────────

  enumType(id: number): EnumType {
    const known = this.enumTypes[id];
    if (known) return known;
    const decl = this.decls.enums[id]!;
    if (decl.constants === undefined) {
      // `enum E` with no `enum E { … }` anywhere: as in gcc (a GNU extension), an incomplete type.
      const incomplete: EnumType = { kind: 'enum', id, size: 0, align: 1, signed: false, complete: false };
      this.enumTypes[id] = incomplete;
      return incomplete;
    }
    const int = this.target.builtins['unsigned int'];
    // Placeholder while the constants are valued: an enum naming itself is already an error.
    this.enumTypes[id] = { kind: 'enum', id, size: int.size, align: int.align, signed: false, complete: true };
    const values: bigint[] = [];
    let next = 0n;
    for (const constant of decl.constants) {
      const value = constant.value ? this.evaluateInteger(constant.value) ?? next : next;
      values.push(value);
      this.enumConstantValues.set(constant.name, this.constantValue(value, undefined));
      next = value + 1n;
    }
    const underlying = enumUnderlyingType(values, decl.attributes.packed === true, this.target);
    if (!underlying) this.diagnostics.push(diagnostic('GI4002', [`enum ${decl.tag ?? '(anonymous)'}: values too large`], decl.origin));
    const type: EnumType = underlying ? { kind: 'enum', id, size: underlying.size, align: underlying.align, signed: underlying.signed, complete: true } : this.enumTypes[id]!;
    this.enumTypes[id] = type;
    this.enumValues[id] = values;
    decl.constants.forEach((constant, index) => this.enumConstantValues.set(constant.name, this.constantValue(values[index]!, type)));
    return type;
  }

  /** An enumeration constant has type int when its value fits, else (GNU C) its enum's type. */
  private constantValue(value: bigint, type: EnumType | undefined): IntegerValue {
    const int = this.target.builtins.int;
    const intMax = (1n << BigInt(int.size * 8 - 1)) - 1n;
    if (value >= -intMax - 1n && value <= intMax) return { value, size: int.size, signed: true };
    if (type) return { value, size: type.size, signed: type.signed };
    return { value, size: this.target.builtins.long.size, signed: value < 0n };
  }

  private enumConstant(name: string): IntegerValue | undefined {
    const value = this.enumConstantValues.get(name);
    if (value) return value;
    const owner = this.enumConstantOwner.get(name);
    if (owner === undefined || this.enumTypes[owner]) return undefined;
    this.enumType(owner);
    return this.enumConstantValues.get(name);
  }

  enumConstants(): EnumConstantValue[] {
    const out: EnumConstantValue[] = [];
    for (const decl of this.decls.enums) {
      const values = this.enumValues[decl.id];
      (decl.constants ?? []).forEach((constant, index) => {
        out.push({ name: constant.name, value: values?.[index] ?? 0n, enumId: decl.id, origin: constant.origin });
      });
    }
    return out;
  }

  evaluateInteger(expr: ConstExpr): bigint | undefined {
    // Most lengths, widths and enum values are one literal: its value needs no evaluator.
    const literal = expr.tokens.length === 1 ? parseIntegerLiteral(expr.tokens[0]!, this.target.charSigned) : undefined;
    if (literal) return literal.value;
    const result = evaluate(expr.tokens, this.env);
    if (result.ok) return result.value.value;
    this.diagnostics.push(diagnostic('GI4002', [`${clipped(expr.tokens.join(' '))} (${result.error})`], expr.origin));
    return undefined;
  }
}

function fieldLayout(field: FieldDecl, type: CType, placed: PlacedMember, bitWidth: number | undefined): FieldLayout {
  const layout: FieldLayout = {
    type,
    typeText: typeText(field.type, type),
    offset: Math.floor(placed.bitOffset / bitsPerByte),
    size: sizeOf(type),
    align: placed.align,
    origin: field.origin,
  };
  if (field.name !== undefined) layout.name = field.name;
  if (bitWidth !== undefined) {
    layout.bitOffset = placed.bitOffset;
    layout.bitWidth = bitWidth;
  }
  if (field.fromMacro !== undefined) layout.fromMacro = field.fromMacro;
  return layout;
}

function biggestAlignment(target: Target): number {
  const predefined = Number(target.predefinedMacros['__BIGGEST_ALIGNMENT__']);
  if (Number.isInteger(predefined) && predefined > 0) return predefined;
  return Math.max(...Object.values(target.builtins).map((builtin) => builtin.align));
}

/** An expression as a message quotes it: long ones are cut, so the message stays readable. */
function clipped(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
