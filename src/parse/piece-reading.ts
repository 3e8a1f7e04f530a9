// What reading one piece's items produced, kept apart from where the piece stands: every value that
// depends on the position (origins, macro expansions, record and enum ids, export marks) is a hole,
// filled in when the reading is placed into a translation unit. A piece that recurs in the next
// Python is then placed again without being read again.

import type { ConstExpr, Diagnostic, EnumConstantDecl, FieldDecl, LayoutAttributes, ObjectDecl, Origin, TypedefDecl, TypeRef } from '../types.js';
import type { ParseContext } from './context.js';

/** What a reading did, in order: the order decides record and enum ids and the order of declarations. */
export type Effect =
  | { kind: 'taggedRecord'; recordKind: 'struct' | 'union'; tag: string; origin: Origin }
  | { kind: 'newRecord'; recordKind: 'struct' | 'union'; origin: Origin }
  | { kind: 'taggedEnum'; tag: string | undefined; origin: Origin }
  | { kind: 'defineRecord'; handle: number; origin: Origin; attributes: LayoutAttributes; fields: FieldDecl[] }
  | { kind: 'defineEnum'; handle: number; origin: Origin; attributes: LayoutAttributes; constants: EnumConstantDecl[] }
  | { kind: 'typedef'; decl: TypedefDecl }
  | { kind: 'object'; decl: ObjectDecl }
  | { kind: 'diagnostic'; diagnostic: Diagnostic };

/** An attribute text prepare.ts set aside, as a reading looked it up: offset from the piece's start, and what it found. */
export type AttributeLookup = { map: 'keyword' | 'declarator'; offset: number; found: string | undefined };

export interface PieceReading {
  effects: Effect[];
  attributeLookups: AttributeLookup[];
  /** where each item ends, from the piece's start: the export marks before it decide whether it is exported */
  itemEnds: number[];
}

/** Where a reading is placed: the piece's offset and row, and the ids its records and enums got. */
interface Placement {
  ctx: ParseContext;
  start: number;
  row: number;
  ids: number[];
  /** by item: whether an export mark came before it (see index.ts) */
  exported: readonly boolean[];
}

/** A value that depends on where the piece stands. */
abstract class Hole {
  abstract fill(at: Placement): unknown;
}

class OriginHole extends Hole {
  constructor(private readonly row: number) {
    super();
  }
  fill(at: Placement): Origin {
    return at.ctx.originOfRow(at.row + this.row);
  }
}

class MacroHole extends Hole {
  constructor(private readonly offset: number) {
    super();
  }
  fill(at: Placement): string | undefined {
    return at.ctx.expansionAt(at.start + this.offset)?.macro;
  }
}

class IdHole extends Hole {
  constructor(private readonly handle: number) {
    super();
  }
  fill(at: Placement): number {
    return at.ids[this.handle]!;
  }
}

class ExportedHole extends Hole {
  constructor(private readonly item: number) {
    super();
  }
  fill(at: Placement): boolean {
    return at.exported[this.item] === true;
  }
}

// A hole stands where the readers expect a value of the type it will be filled with.
export const originHole = (row: number): Origin => new OriginHole(row) as unknown as Origin;
export const macroHole = (offset: number): string => new MacroHole(offset) as unknown as string;
export const idHole = (handle: number): number => new IdHole(handle) as unknown as number;
export const exportedHole = (item: number): boolean => new ExportedHole(item) as unknown as boolean;

/** Whether `reading`, made where the set-aside attributes were as it found them, holds at `start` too. */
export function holdsAt(reading: PieceReading, start: number, ctx: ParseContext): boolean {
  return reading.attributeLookups.every(
    ({ map, offset, found }) => (map === 'keyword' ? ctx.keywordAttributes : ctx.declaratorAttributes).get(start + offset) === found,
  );
}

/** Replay `reading` into `ctx` as if its piece had been read at `start`. */
export function placeReading(reading: PieceReading, start: number, exported: readonly boolean[], ctx: ParseContext): void {
  const at: Placement = { ctx, start, row: ctx.rowOf(start), ids: [], exported };
  const { records, enums, typedefs, objects, diagnostics } = ctx.declarations;
  for (const effect of reading.effects) {
    switch (effect.kind) {
      case 'taggedRecord':
        at.ids.push(ctx.taggedRecord(effect.recordKind, effect.tag, fillOrigin(effect.origin, at)).id);
        break;
      case 'newRecord':
        at.ids.push(ctx.newRecord(effect.recordKind, fillOrigin(effect.origin, at)).id);
        break;
      case 'taggedEnum':
        at.ids.push(ctx.taggedEnum(effect.tag, fillOrigin(effect.origin, at)).id);
        break;
      case 'defineRecord': {
        const record = records[at.ids[effect.handle]!]!;
        record.origin = fillOrigin(effect.origin, at);
        record.attributes = fillLayout(effect.attributes, at);
        record.fields = effect.fields.map((field) => fillField(field, at));
        break;
      }
      case 'defineEnum': {
        const enumDecl = enums[at.ids[effect.handle]!]!;
        enumDecl.origin = fillOrigin(effect.origin, at);
        enumDecl.attributes = fillLayout(effect.attributes, at);
        enumDecl.constants = effect.constants.map((constant) => fillConstant(constant, at));
        break;
      }
      case 'typedef':
        typedefs.push(fillTypedef(effect.decl, at));
        break;
      case 'object':
        objects.push(fillObject(effect.decl, at));
        break;
      case 'diagnostic':
        diagnostics.push(fillDiagnostic(effect.diagnostic, at));
        break;
    }
  }
}

// The fills below copy what holds a hole and keep the reader's property order. The rest (most types,
// token lists, qualifiers) is shared by every placement: declarations are never changed once made.

function fillHole<T>(value: T, at: Placement): T {
  return value instanceof Hole ? (value.fill(at) as T) : value;
}

function fillOrigin(origin: Origin, at: Placement): Origin {
  return fillHole(origin, at);
}

/** `fromMacro`, the last property a reader sets, is left out when no macro produced the name. */
function fillFromMacro(decl: { fromMacro?: string }, at: Placement): void {
  const macro = fillHole(decl.fromMacro, at);
  if (macro !== undefined) decl.fromMacro = macro;
  else delete decl.fromMacro;
}

function fillType(type: TypeRef, at: Placement): TypeRef {
  switch (type.kind) {
    case 'builtin':
    case 'typedef':
      return type;
    case 'record':
    case 'enum':
      return { ...type, id: fillHole(type.id, at) };
    case 'pointer': {
      const to = fillType(type.to, at);
      return to === type.to ? type : { ...type, to };
    }
    case 'array': {
      const of = fillType(type.of, at);
      if (type.length === undefined) return of === type.of ? type : { ...type, of };
      return { ...type, of, length: fillExpr(type.length, at) };
    }
    case 'function': {
      const returns = fillType(type.returns, at);
      let params = type.params;
      for (let index = 0; index < params.length; index++) {
        const param = params[index]!;
        const paramType = fillType(param.type, at);
        if (paramType === param.type) continue;
        if (params === type.params) params = params.slice();
        params[index] = { ...param, type: paramType };
      }
      return returns === type.returns && params === type.params ? type : { ...type, returns, params };
    }
  }
}

function fillExpr(expr: ConstExpr, at: Placement): ConstExpr {
  return { tokens: expr.tokens, origin: fillOrigin(expr.origin, at) };
}

function fillAligned(aligned: ConstExpr | 'max', at: Placement): ConstExpr | 'max' {
  return aligned === 'max' ? aligned : fillExpr(aligned, at);
}

function fillLayout(attributes: LayoutAttributes, at: Placement): LayoutAttributes {
  if (attributes.aligned === undefined && attributes.earlierAligned === undefined) return attributes;
  const layout = { ...attributes };
  if (attributes.aligned !== undefined) layout.aligned = fillAligned(attributes.aligned, at);
  if (attributes.earlierAligned !== undefined) layout.earlierAligned = attributes.earlierAligned.map((aligned) => fillAligned(aligned, at));
  return layout;
}

function fillField(field: FieldDecl, at: Placement): FieldDecl {
  const filled: FieldDecl = { ...field, type: fillType(field.type, at), attributes: fillLayout(field.attributes, at), origin: fillOrigin(field.origin, at) };
  if (field.bitWidth !== undefined) filled.bitWidth = fillExpr(field.bitWidth, at);
  fillFromMacro(filled, at);
  return filled;
}

function fillConstant(constant: EnumConstantDecl, at: Placement): EnumConstantDecl {
  const filled: EnumConstantDecl = { ...constant, origin: fillOrigin(constant.origin, at) };
  if (constant.value !== undefined) filled.value = fillExpr(constant.value, at);
  return filled;
}

function fillTypedef(typedef: TypedefDecl, at: Placement): TypedefDecl {
  const filled: TypedefDecl = { ...typedef, type: fillType(typedef.type, at), origin: fillOrigin(typedef.origin, at) };
  if (typedef.attributes !== undefined) filled.attributes = fillLayout(typedef.attributes, at);
  return filled;
}

function fillObject(object: ObjectDecl, at: Placement): ObjectDecl {
  const filled: ObjectDecl = { ...object, type: fillType(object.type, at), exported: fillHole(object.exported, at), origin: fillOrigin(object.origin, at) };
  fillFromMacro(filled, at);
  return filled;
}

function fillDiagnostic(diagnostic: Diagnostic, at: Placement): Diagnostic {
  const filled: Diagnostic = { ...diagnostic };
  if (diagnostic.origin !== undefined) filled.origin = fillOrigin(diagnostic.origin, at);
  if (diagnostic.notes !== undefined) filled.notes = diagnostic.notes.map((note) => (note.origin ? { ...note, origin: fillOrigin(note.origin, at) } : note));
  return filled;
}
