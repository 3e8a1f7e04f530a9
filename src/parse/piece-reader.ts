// What the readers of one piece see: the text, and places to put what they find. Offsets are from
// the piece's start, and whatever depends on where the piece stands is recorded as a hole (see
// piece-reading.ts), so that the reading can be placed again wherever the same text recurs.

import type { Diagnostic, EnumConstantDecl, FieldDecl, LayoutAttributes, ObjectDecl, Origin, TypedefDecl } from '../types.js';
import type { ParseContext } from './context.js';
import { exportedHole, idHole, macroHole, originHole, type AttributeLookup, type Effect, type PieceReading } from './piece-reading.js';
import type { Syntax } from './syntax.js';

/** A record or enum as the readers know it: an id to refer to it by, and a handle to define it by. */
export interface TagHandle {
  readonly id: number;
  readonly handle: number;
}

export class PieceReader {
  private readonly effects: Effect[] = [];
  private readonly attributeLookups: AttributeLookup[] = [];
  private handles = 0;
  private readonly row: number;
  /** the index of the item being read */
  item = 0;

  /** `start` is the piece's offset in the translation unit `ctx` holds. */
  constructor(
    private readonly start: number,
    private readonly ctx: ParseContext,
  ) {
    this.row = ctx.rowOf(start);
  }

  reading(itemEnds: number[]): PieceReading {
    return { effects: this.effects, attributeLookups: this.attributeLookups, itemEnds };
  }

  textOf(node: Syntax): string {
    return this.ctx.text.slice(this.start + node.start, this.start + node.end);
  }

  /** The header line where `node` starts, known once the piece is placed. */
  origin(node: Syntax): Origin {
    return originHole(this.ctx.rowOf(this.start + node.start) - this.row);
  }

  /** The outermost macro whose expansion produced the text at `offset`, known once the piece is placed. */
  macroAt(offset: number): string | undefined {
    return macroHole(offset);
  }

  /** Whether the item being read is exported, when no attribute of its own says so. */
  exported(byAttribute: boolean): boolean {
    return byAttribute || exportedHole(this.item);
  }

  /** The attribute text prepare.ts set aside after the `union` or `enum` keyword at `offset`. */
  keywordAttributesAt(offset: number): string | undefined {
    return this.lookUp('keyword', offset);
  }

  /** The attribute text prepare.ts set aside after a declarator (or bit width) ending at `offset`. */
  declaratorAttributesAt(offset: number): string | undefined {
    return this.lookUp('declarator', offset);
  }

  /** Each lookup is kept: the reading holds only where the same attributes are set aside (see holdsAt). */
  private lookUp(map: AttributeLookup['map'], offset: number): string | undefined {
    const found = (map === 'keyword' ? this.ctx.keywordAttributes : this.ctx.declaratorAttributes).get(this.start + offset);
    this.attributeLookups.push({ map, offset, found });
    return found;
  }

  report(diagnostic: Diagnostic): void {
    this.effects.push({ kind: 'diagnostic', diagnostic });
  }

  /** The record a `struct tag` names, declared on first mention. */
  taggedRecord(recordKind: 'struct' | 'union', tag: string, node: Syntax): TagHandle {
    this.effects.push({ kind: 'taggedRecord', recordKind, tag, origin: this.origin(node) });
    return this.newHandle();
  }

  /** A record without a tag. */
  newRecord(recordKind: 'struct' | 'union', node: Syntax): TagHandle {
    this.effects.push({ kind: 'newRecord', recordKind, origin: this.origin(node) });
    return this.newHandle();
  }

  /** The enum an `enum tag` names, declared on first mention; a new one without a tag. */
  taggedEnum(tag: string | undefined, node: Syntax): TagHandle {
    this.effects.push({ kind: 'taggedEnum', tag, origin: this.origin(node) });
    return this.newHandle();
  }

  defineRecord({ handle }: TagHandle, origin: Origin, attributes: LayoutAttributes, fields: FieldDecl[]): void {
    this.effects.push({ kind: 'defineRecord', handle, origin, attributes, fields });
  }

  defineEnum({ handle }: TagHandle, origin: Origin, attributes: LayoutAttributes, constants: EnumConstantDecl[]): void {
    this.effects.push({ kind: 'defineEnum', handle, origin, attributes, constants });
  }

  addTypedef(decl: TypedefDecl): void {
    this.effects.push({ kind: 'typedef', decl });
  }

  addObject(decl: ObjectDecl): void {
    this.effects.push({ kind: 'object', decl });
  }

  private newHandle(): TagHandle {
    const handle = this.handles++;
    return { id: idHole(handle), handle };
  }
}
