// The file-scope items of a prepared translation unit, as light copies of tree-sitter's nodes each
// with the capture name of grammars/top-level.scm that selects its reader. Pieces already parsed in
// this process (pieces.ts) are taken from there; tree-sitter parses the others, all at once, as the
// included ranges of the text.

import type { Diagnostic } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { parsedPiece, rememberPiece, shifted, topLevelPieces, type ParsedPiece } from './pieces.js';
import type { ParseContext } from './context.js';
import { reportSyntaxErrors } from './syntax-errors.js';
import { SyntaxCopier, type Syntax } from './syntax.js';
import { cParser, grammarQuery, type SyntaxNode } from './tree-sitter.js';

export interface TopLevelItem {
  /** the capture name */
  name: string;
  syntax: Syntax;
}

export interface TopLevel {
  items: TopLevelItem[];
  /** syntax errors and what no query pattern took, reported after the items are read */
  problems: Diagnostic[];
}

/** `text` is what tree-sitter parses, `source` what the readers read (see prepare.ts). */
export function parseTopLevel(text: string, source: string, ctx: ParseContext): TopLevel {
  const pieces = topLevelPieces(text).map(([start, end]) => ({ start, end, key: pieceKey(text, source, start, end) }));
  const known = pieces.map((piece) => parsedPiece(piece.key));
  const parsed = parseFresh(text, source, ctx, pieces, known);
  // Recovering from an error may reach across pieces: then only the whole text says what gcc would.
  if (parsed.problems.length === 0 || known.every((piece) => piece === undefined)) return parsed;
  return parseFresh(text, source, ctx, pieces, pieces.map(() => undefined));
}

type Piece = { start: number; end: number; key: string };

/** A piece's text as parsed and as read: both decide what its items are. */
function pieceKey(text: string, source: string, start: number, end: number): string {
  const parsed = text.slice(start, end);
  const read = source.slice(start, end);
  return parsed === read ? parsed : `${parsed}\0${read}`;
}

function parseFresh(text: string, source: string, ctx: ParseContext, pieces: Piece[], known: (ParsedPiece | undefined)[]): TopLevel {
  const ranges = freshRanges(pieces, known, ctx);
  const fresh: TopLevelItem[] = [];
  const problems: Diagnostic[] = [];
  /** where the items that parsed with an error, or were not read, start */
  const unclean = new Set<number>();
  if (ranges.length > 0) {
    const tree = cParser().parse(text, null, { bufferSize: text.length + 1, includedRanges: ranges });
    const root = tree.rootNode;
    const captures = grammarQuery('top-level').captures(root, { maxStartDepth: 0 });
    // One cursor walks the root's children in step with the captures, which come in text order.
    const copier = new SyntaxCopier(text, source);
    const cursor = root.walk();
    let onChild = cursor.gotoFirstChild();
    const readStarts = new Set<number>();
    for (const { name, node } of captures) {
      const start = node.startIndex;
      while (onChild && (cursor.startIndex < start || cursor.endIndex === cursor.startIndex)) onChild = cursor.gotoNextSibling();
      readStarts.add(start);
      fresh.push({ name, syntax: copier.copy(cursor) });
    }
    // Top-level ERROR nodes are left to reportSyntaxErrors; anything else unmatched is reported here.
    const unread = captures.length !== root.namedChildCount ? unreadNodes(root, readStarts) : [];
    for (const node of unread) {
      unclean.add(node.startIndex);
      if (!node.hasError) problems.push(diagnostic('GI3003', [`${node.type.replace(/_/g, ' ')}: ${node.text.slice(0, 80)}`], ctx.originOfRow(node.startPosition.row)));
    }
    if (root.hasError) {
      const erroneous = [...captures.map((c) => c.node), ...unread].filter((node) => node.hasError);
      for (const node of erroneous) unclean.add(node.startIndex);
      reportSyntaxErrors(root, erroneous, ctx, problems);
    }
  }
  return { items: inTextOrder(pieces, known, fresh, [...unclean].sort((a, b) => a - b)), problems };
}

/** The pieces not parsed before, consecutive ones joined, as tree-sitter's included ranges. */
function freshRanges(pieces: Piece[], known: (ParsedPiece | undefined)[], ctx: ParseContext) {
  const ranges: { startIndex: number; endIndex: number; startPosition: Point; endPosition: Point }[] = [];
  let open: Piece | undefined;
  let end = 0;
  const close = () => {
    if (open) ranges.push({ startIndex: open.start, endIndex: end, startPosition: ctx.pointOf(open.start), endPosition: ctx.pointOf(end) });
    open = undefined;
  };
  pieces.forEach((piece, index) => {
    if (known[index]) return close();
    open ??= piece;
    end = piece.end;
  });
  close();
  return ranges;
}

type Point = { row: number; column: number };

/**
 * Known pieces' items moved to where the piece stands now, and fresh ones as parsed; each fresh
 * piece whose items all parsed cleanly is remembered for the next translation unit.
 */
function inTextOrder(pieces: Piece[], known: (ParsedPiece | undefined)[], fresh: TopLevelItem[], uncleanStarts: number[]): TopLevelItem[] {
  const items: TopLevelItem[] = [];
  let next = 0;
  let unclean = 0;
  pieces.forEach((piece, index) => {
    const remembered = known[index];
    if (remembered) {
      for (const item of remembered.items) items.push({ name: item.name, syntax: shifted(item.syntax, piece.start) });
      return;
    }
    const first = next;
    while (next < fresh.length && fresh[next]!.syntax.start < piece.end) items.push(fresh[next++]!);
    while (unclean < uncleanStarts.length && uncleanStarts[unclean]! < piece.start) unclean++;
    const clean = unclean === uncleanStarts.length || uncleanStarts[unclean]! >= piece.end;
    if (clean) rememberPiece(piece.key, { items: fresh.slice(first, next).map((item) => ({ name: item.name, syntax: shifted(item.syntax, -piece.start) })) });
  });
  return items;
}

function unreadNodes(root: SyntaxNode, read: Set<number>): SyntaxNode[] {
  return root.namedChildren.filter((node) => !read.has(node.startIndex));
}
