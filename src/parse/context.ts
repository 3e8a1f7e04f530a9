// One translation unit, as the readings of its pieces are placed into it: the declarations found
// so far, the tag namespace, and the mapping from output positions back to header lines and macro
// expansions.

import type {
  Declarations,
  Diagnostic,
  EnumDecl,
  ExpansionSpan,
  Origin,
  Preprocessed,
  RecordDecl,
} from '../types.js';
import type { PreparedText } from './prepare.js';

type Tagged = { kind: 'struct' | 'union'; record: RecordDecl } | { kind: 'enum'; enumDecl: EnumDecl };

export class ParseContext {
  readonly declarations: Declarations = { records: [], enums: [], typedefs: [], objects: [], diagnostics: [] };
  /** the preprocessed text; tree-sitter parsed a copy with the same offsets (see prepare.ts) */
  readonly text: string;
  /** attributes blanked after `union` or `enum`, by the keyword's offset */
  readonly keywordAttributes: ReadonlyMap<number, string>;
  /** attributes blanked before a further declarator, by the end of the declarator before them */
  readonly declaratorAttributes: ReadonlyMap<number, string>;
  private readonly lineStarts: number[] = [0];
  private readonly lineOrigins: readonly Origin[];
  private readonly expansionsByLine = new Map<number, ExpansionSpan[]>();
  /** C has one tag namespace at file scope for struct, union and enum. */
  private readonly tags = new Map<string, Tagged>();

  constructor(pp: Preprocessed, blanked: Pick<PreparedText, 'keywordAttributes' | 'declaratorAttributes'>) {
    const text = (this.text = pp.text);
    this.keywordAttributes = blanked.keywordAttributes;
    this.declaratorAttributes = blanked.declaratorAttributes;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
    this.lineOrigins = pp.lineOrigins;
    for (const span of pp.expansions) {
      const spans = this.expansionsByLine.get(span.line);
      if (spans) spans.push(span);
      else this.expansionsByLine.set(span.line, [span]);
    }
  }

  get diagnostics(): Diagnostic[] {
    return this.declarations.diagnostics;
  }

  /** The header line an output row came from. */
  originOfRow(row: number): Origin {
    return this.lineOrigins[row] ?? { file: '<preprocessed>', line: row + 1 };
  }

  /** The outermost macro expansion that produced the text where `node` starts. */
  expansionAt(offset: number): ExpansionSpan | undefined {
    const row = this.rowOf(offset);
    const spans = this.expansionsByLine.get(row);
    const column = offset - this.lineStarts[row]!;
    return spans?.find((span) => span.startColumn <= column && column < span.endColumn);
  }

  /** Row and column of `offset`, as tree-sitter counts them. */
  pointOf(offset: number): { row: number; column: number } {
    const row = this.rowOf(offset);
    return { row, column: offset - this.lineStarts[row]! };
  }

  /** The 0-based output line holding `offset`. */
  rowOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The record a `struct tag` names, declared on first mention. */
  taggedRecord(kind: 'struct' | 'union', tag: string, origin: Origin): RecordDecl {
    const known = this.tags.get(tag);
    if (known && known.kind === kind) return known.record;
    const record = this.newRecord(kind, origin, tag);
    // A tag reused for another kind of record is an error gcc reports; the newest wins here.
    this.tags.set(tag, { kind, record });
    return record;
  }

  newRecord(kind: 'struct' | 'union', origin: Origin, tag?: string): RecordDecl {
    const records = this.declarations.records;
    const id = records.length;
    const record: RecordDecl = tag !== undefined ? { id, kind, tag, attributes: {}, origin } : { id, kind, attributes: {}, origin };
    records.push(record);
    return record;
  }

  /** The enum an `enum tag` names, declared on first mention. */
  taggedEnum(tag: string | undefined, origin: Origin): EnumDecl {
    const known = tag !== undefined ? this.tags.get(tag) : undefined;
    if (known && known.kind === 'enum') return known.enumDecl;
    const enums = this.declarations.enums;
    const id = enums.length;
    const enumDecl: EnumDecl = tag !== undefined ? { id, tag, attributes: {}, origin } : { id, attributes: {}, origin };
    if (tag !== undefined) this.tags.set(tag, { kind: 'enum', enumDecl });
    enums.push(enumDecl);
    return enumDecl;
  }
}
