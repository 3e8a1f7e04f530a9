// parse: expanded text → declarations, with tree-sitter-c and the queries in grammars/.
// Only file-scope declarations are read; function bodies are parsed (for their syntax errors)
// but never analysed.

import type { Declarations, ObjectDecl, Preprocessed, TypedefDecl } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { layoutAttributes, type AttributeSet } from './attributes.js';
import { ParseContext } from './context.js';
import { applyDeclarator } from './declarators.js';
import { prepareText } from './prepare.js';
import { readEnumSpecifier, readRecordSpecifier } from './records.js';
import { readDeclarationParts, type DeclarationParts } from './specifiers.js';
import { childByField, type Syntax } from './syntax.js';
import { parseTopLevel } from './top-level.js';

export function parse(pp: Preprocessed): Declarations {
  const prepared = prepareText(pp.text);
  const { text, exportMarks, lostLayoutAttributes } = prepared;
  const ctx = new ParseContext(pp, prepared);
  for (const lost of lostLayoutAttributes) {
    ctx.diagnostics.push(diagnostic('GI3003', [`layout attribute before typedef: ${lost.text}`], ctx.originOfRow(ctx.rowOf(lost.offset))));
  }
  const { items, problems } = parseTopLevel(text, pp.text, ctx);
  const exports = new ExportMarks(exportMarks);
  for (const { name, syntax } of items) readTopLevel[name]?.(syntax, ctx, exports.takeBefore(syntax.end));
  ctx.diagnostics.push(...problems);
  return ctx.declarations;
}

/** `exported`: a blanked visibility("default") lay between the previous declaration and this one's end. */
type Reader = (node: Syntax, ctx: ParseContext, exported: boolean) => void;

/** The export marks of prepare.ts, handed out in text order. */
class ExportMarks {
  private next = 0;
  constructor(private readonly marks: number[]) {}

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
  declaration: (node, ctx, exported) => readObjects(node, ctx, false, exported),
  function: (node, ctx, exported) => readObjects(node, ctx, true, exported),
  tag: (node, ctx) => void (node.type === 'enum_specifier' ? readEnumSpecifier(node, ctx) : readRecordSpecifier(node, ctx)),
  statement: readStatement,
  comment: () => undefined,
};

function readTypedef(node: Syntax, ctx: ParseContext): void {
  const parts = readDeclarationParts(node, ctx);
  forEachDeclarator(parts, ctx, (name, type, attributes) => {
    const typedef: TypedefDecl = { name, type, origin: ctx.origin(node) };
    if (attributes.aligned !== undefined) typedef.attributes = layoutAttributes({ aligned: attributes.aligned });
    ctx.declarations.typedefs.push(typedef);
  });
}

function readObjects(node: Syntax, ctx: ParseContext, defined: boolean, exported: boolean): void {
  const parts = readDeclarationParts(node, ctx);
  const fromMacro = ctx.expansionAt(node.start)?.macro;
  forEachDeclarator(parts, ctx, (name, type, attributes) => {
    const object: ObjectDecl = {
      name,
      kind: type.kind === 'function' ? 'function' : 'data',
      type,
      storage: parts.storage,
      inline: parts.inline,
      defined,
      exported: exported || attributes.exported === true,
      origin: ctx.origin(node),
    };
    if (fromMacro !== undefined) object.fromMacro = fromMacro;
    ctx.declarations.objects.push(object);
  });
}

/** Each named declarator with the attributes that apply to it. */
function forEachDeclarator(
  parts: DeclarationParts,
  ctx: ParseContext,
  each: (name: string, type: DeclarationParts['type'], attributes: AttributeSet) => void,
): void {
  for (const declarator of parts.declarators) {
    const declared = applyDeclarator(declarator.node, parts.type, ctx, declarator.attributes);
    if (declared.name !== undefined) each(declared.name, declared.type, declarator.attributes);
  }
}

/** `_Static_assert(…);` and a stray `;` are tolerated; no other statement belongs at file scope. */
function readStatement(node: Syntax, ctx: ParseContext): void {
  const call = node.children[0];
  if (!call) return;
  const callee = call.type === 'call_expression' ? childByField(call, 'function') : undefined;
  const name = callee ? ctx.textOf(callee) : undefined;
  if (name === '_Static_assert' || name === 'static_assert') return;
  ctx.diagnostics.push(diagnostic('GI3003', [`statement at file scope: ${ctx.textOf(node).slice(0, 80)}`], ctx.origin(node)));
}
