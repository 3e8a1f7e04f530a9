// parse: expanded text → declarations, with tree-sitter-c and the queries in grammars/.
// Only file-scope declarations are read; function bodies are parsed (for their syntax errors)
// but never analysed. Each piece of the text (pieces.ts) is read apart from where it stands, and
// its reading placed; a piece this process has read before is only placed again.

import type { Declarations, ObjectDecl, Preprocessed, TypedefDecl } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { layoutAttributes, type AttributeSet } from './attributes.js';
import { ParseContext } from './context.js';
import { applyDeclarator } from './declarators.js';
import { PieceReader } from './piece-reader.js';
import { placeReading, type PieceReading } from './piece-reading.js';
import { rememberReading } from './pieces.js';
import { prepareText } from './prepare.js';
import { readEnumSpecifier, readRecordSpecifier } from './records.js';
import { readDeclarationParts, type DeclarationParts } from './specifiers.js';
import { childByField, type Syntax } from './syntax.js';
import { parseTopLevel, type TopLevelPiece } from './top-level.js';

export function parse(pp: Preprocessed): Declarations {
  const prepared = prepareText(pp.text);
  const { text, exportMarks, lostLayoutAttributes } = prepared;
  const ctx = new ParseContext(pp, prepared);
  for (const lost of lostLayoutAttributes) {
    ctx.diagnostics.push(diagnostic('GI3003', [`layout attribute before typedef: ${lost.text}`], ctx.originOfRow(ctx.rowOf(lost.offset))));
  }
  const { pieces, problems } = parseTopLevel(text, pp.text, ctx);
  const exports = new ExportMarks(exportMarks);
  for (const piece of pieces) {
    const reading = piece.reading ?? readPiece(piece, ctx);
    if (!piece.reading && piece.clean) rememberReading(piece.key, reading);
    const exported = reading.itemEnds.map((end) => exports.takeBefore(piece.start + end));
    placeReading(reading, piece.start, exported, ctx);
  }
  ctx.diagnostics.push(...problems);
  return ctx.declarations;
}

function readPiece(piece: TopLevelPiece, ctx: ParseContext): PieceReading {
  const reader = new PieceReader(piece.start, ctx);
  piece.items.forEach(({ name, syntax }, index) => {
    reader.item = index;
    readTopLevel[name]?.(syntax, reader);
  });
  return reader.reading(piece.items.map((item) => item.syntax.end));
}

/** Reads one file-scope item of a piece. */
type Reader = (node: Syntax, ctx: PieceReader) => void;

/** The export marks of prepare.ts, handed out in text order. */
class ExportMarks {
  private next = 0;
  constructor(private readonly marks: number[]) {}

  /** Whether a blanked visibility("default") lay between the previous declaration and `end`. */
  takeBefore(end: number): boolean {
    let taken = false;
    while (this.next < this.marks.length && this.marks[this.next]! < end) {
      this.next++;
      taken = true;
    }
    return taken;
  }
}

/** One reader per capture name of grammars/top-level.scm. */
const readTopLevel: Record<string, Reader> = {
  typedef: readTypedef,
  declaration: (node, ctx) => readObjects(node, ctx, false),
  function: (node, ctx) => readObjects(node, ctx, true),
  tag: (node, ctx) => void (node.type === 'enum_specifier' ? readEnumSpecifier(node, ctx) : readRecordSpecifier(node, ctx)),
  statement: readStatement,
  comment: () => undefined,
};

function readTypedef(node: Syntax, ctx: PieceReader): void {
  const parts = readDeclarationParts(node, ctx);
  forEachDeclarator(parts, ctx, (name, type, attributes) => {
    const typedef: TypedefDecl = { name, type, origin: ctx.origin(node) };
    if (attributes.aligned !== undefined) typedef.attributes = layoutAttributes({ aligned: attributes.aligned });
    ctx.addTypedef(typedef);
  });
}

function readObjects(node: Syntax, ctx: PieceReader, defined: boolean): void {
  const parts = readDeclarationParts(node, ctx);
  const fromMacro = ctx.macroAt(node.start);
  forEachDeclarator(parts, ctx, (name, type, attributes) => {
    const object: ObjectDecl = {
      name,
      kind: type.kind === 'function' ? 'function' : 'data',
      type,
      storage: parts.storage,
      inline: parts.inline,
      defined,
      exported: ctx.exported(attributes.exported === true),
      origin: ctx.origin(node),
    };
    if (fromMacro !== undefined) object.fromMacro = fromMacro;
    ctx.addObject(object);
  });
}

/** Each named declarator with the attributes that apply to it. */
function forEachDeclarator(
  parts: DeclarationParts,
  ctx: PieceReader,
  each: (name: string, type: DeclarationParts['type'], attributes: AttributeSet) => void,
): void {
  for (const declarator of parts.declarators) {
    const declared = applyDeclarator(declarator.node, parts.type, ctx, declarator.attributes);
    if (declared.name !== undefined) each(declared.name, declared.type, declarator.attributes);
  }
}

/** `_Static_assert(…);` and a stray `;` are tolerated; no other statement belongs at file scope. */
function readStatement(node: Syntax, ctx: PieceReader): void {
  const call = node.children[0];
  if (!call) return;
  const callee = call.type === 'call_expression' ? childByField(call, 'function') : undefined;
  const name = callee ? ctx.textOf(callee) : undefined;
  if (name === '_Static_assert' || name === 'static_assert') return;
  ctx.report(diagnostic('GI3003', [`statement at file scope: ${ctx.textOf(node).slice(0, 80)}`], ctx.origin(node)));
}
