// The file-scope items of a prepared translation unit, piece by piece (pieces.ts), as light copies
// of tree-sitter's nodes each with the capture name of grammars/top-level.scm that selects its
// reader. Pieces already read in this process need no items (index.ts places their reading);
// tree-sitter parses the others, all at once, as the included ranges of the text.

import type { Diagnostic } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { holdsAt, type PieceReading } from './piece-reading.js';
import { rememberedReading, topLevelPieces } from './pieces.js';
import type { ParseContext } from './context.js';
import { reportSyntaxErrors } from './syntax-errors.js';
import { SyntaxCopier, type Syntax } from './syntax.js';
import { cParser, grammarQuery, type SyntaxNode } from './tree-sitter.js';

export interface TopLevelItem {
  /** the capture name */
  name: string;
  syntax: Syntax;
}

/** A piece of the text (pieces.ts) and its file-scope items. */
export interface TopLevelPiece {
  start: number;
  /** the text its items and their reading depend on (see pieceKey) */
  key: string;
  /** parsed now, offsets counted from the piece's start; none when a reading is remembered */
  items: TopLevelItem[];
  /** what the same text read to before in this process, when that holds here too */
  reading?: PieceReading;
  /** parsed now, without error and within its bounds: its items hold wherever the same text stands */
  clean: boolean;
}

export interface TopLevel {
  pieces: TopLevelPiece[];
  /** syntax errors and what no query pattern took, reported after the items are read */
  problems: Diagnostic[];
}

/** `text` is what tree-sitter parses, `source` what the readers read (see prepare.ts). */
export function parseTopLevel(text: string, source: string, ctx: ParseContext): TopLevel {
  const pieces = topLevelPieces(text).map(([start, end]) => ({ start, end, key: pieceKey(text, source, start, end) }));
  const known = pieces.map((piece) => {
    const reading = rememberedReading(piece.key);
    return reading && holdsAt(reading, piece.start, ctx) ? reading : undefined;
  });
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

function parseFresh(text: string, source: string, ctx: ParseContext, pieces: Piece[], known: (PieceReading | undefined)[]): TopLevel {
  const ranges = freshRanges(pieces, known, ctx);
  /** by piece, the items parsed now */
  const fresh: TopLevelItem[][] = [];
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
    let piece = 0;
    for (const { name, node } of captures) {
      const start = node.startIndex;
      while (onChild && (cursor.startIndex < start || cursor.endIndex === cursor.startIndex)) onChild = cursor.gotoNextSibling();
      readStarts.add(start);
      // an item belongs to the first piece parsed now that ends after its start
      while (piece < pieces.length && (known[piece] !== undefined || pieces[piece]!.end <= start)) piece++;
      if (piece < pieces.length) (fresh[piece] ??= []).push({ name, syntax: copier.copy(cursor, pieces[piece]!.start) });
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
  const uncleanStarts = [...unclean].sort((a, b) => a - b);
  let nextUnclean = 0;
  const topLevel = pieces.map(({ start, end, key }, index): TopLevelPiece => {
    const remembered = known[index];
    if (remembered) return { start, key, items: [], reading: remembered, clean: true };
    const items = fresh[index] ?? [];
    while (nextUnclean < uncleanStarts.length && uncleanStarts[nextUnclean]! < start) nextUnclean++;
    const parsedCleanly = nextUnclean === uncleanStarts.length || uncleanStarts[nextUnclean]! >= end;
    return { start, key, items, clean: parsedCleanly && items.every((item) => item.syntax.start >= 0 && item.syntax.end <= end - start) };
  });
  return { pieces: topLevel, problems };
}

/** The pieces not parsed before, consecutive ones joined, as tree-sitter's included ranges. */
function freshRanges(pieces: Piece[], known: (PieceReading | undefined)[], ctx: ParseContext) {
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

function unreadNodes(root: SyntaxNode, read: Set<number>): SyntaxNode[] {
  return root.namedChildren.filter((node) => !read.has(node.startIndex));
}
