// Every ERROR and MISSING node becomes a GI3001 diagnostic: an error, since declarations may have
// been lost, or a warning inside a function body, whose inside gen-inc never reads.

import type { Diagnostic } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import type { ParseContext } from './context.js';
import type { SyntaxNode, TreeCursor } from './tree-sitter.js';

/** `topLevel`: the root's named children, or at least those that may hold errors; the diagnostics go to `into`. */
export function reportSyntaxErrors(root: SyntaxNode, topLevel: Iterable<SyntaxNode>, ctx: ParseContext, into: Diagnostic[]): void {
  for (const node of topLevel) {
    if (!node.hasError) continue;
    const cursor = node.walk();
    const visit = (inBody: boolean): void => {
      if (cursor.nodeType === 'ERROR') return report(cursor.currentNode, `unexpected '${excerpt(cursor.nodeText)}'`, inBody, ctx, into);
      if (cursor.nodeIsMissing) {
        if (!isUnnamedBitfield(cursor)) report(cursor.currentNode, `missing '${cursor.nodeType}'`, inBody, ctx, into);
        return;
      }
      if (!cursor.currentNode.hasError) return;
      const isFunction = cursor.nodeType === 'function_definition';
      if (!cursor.gotoFirstChild()) return;
      do visit(inBody || (isFunction && cursor.currentFieldName === 'body'));
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    };
    visit(false);
  }
  // a MISSING ';' right under the root is no named child
  const cursor = root.walk();
  if (!cursor.gotoFirstChild()) return;
  do if (cursor.nodeIsMissing) report(cursor.currentNode, `missing '${cursor.nodeType}'`, false, ctx, into);
  while (cursor.gotoNextSibling());
}

/** `unsigned int :24;` — tree-sitter-c inserts a MISSING field name before the width. */
function isUnnamedBitfield(cursor: TreeCursor): boolean {
  if (cursor.nodeType !== 'field_identifier' || !cursor.gotoNextSibling()) return false;
  const next: string = cursor.nodeType;
  const beforeWidth = next === 'bitfield_clause';
  cursor.gotoPreviousSibling();
  return beforeWidth;
}

function report(node: SyntaxNode, what: string, inBody: boolean, ctx: ParseContext, into: Diagnostic[]): void {
  const expansion = ctx.expansionAt(node.startIndex);
  const notes: Diagnostic['notes'] = expansion
    ? [expansion.definedAt ? { message: `expanded from macro ${expansion.macro}`, origin: expansion.definedAt } : { message: `expanded from macro ${expansion.macro}` }]
    : undefined;
  into.push(diagnostic('GI3001', [what], ctx.originOfRow(node.startPosition.row), inBody ? 'warning' : 'error', notes));
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
