// Pieces of a translation unit that parse and read the same wherever they stand, so that a run over
// several Pythons parses and reads each piece once: three quarters of one version's declarations
// recur word for word in the next. A piece ends after a `;` outside every brace, parenthesis,
// literal and comment, which in C ends a declaration at file scope (a function definition joins
// the piece after it).

import { scanQuoted } from '../preprocess/characters.js';
import type { PieceReading } from './piece-reading.js';

/** [start, end) of each piece, in order: all of the text but the white space between pieces. */
export function topLevelPieces(text: string): [start: number, end: number][] {
  const pieces: [number, number][] = [];
  const mark = /[{}()[\]"'/;]/g;
  let start = firstNonSpace(text, 0);
  let depth = 0;
  for (let found = mark.exec(text); found; found = mark.exec(text)) {
    const index = found.index;
    switch (text.charCodeAt(index)) {
      case 0x7b: // {
      case 0x28: // (
      case 0x5b: // [
        depth++;
        break;
      case 0x7d: // }
      case 0x29: // )
      case 0x5d: // ]
        depth--;
        break;
      case 0x22: // "
      case 0x27: {
        // ' — an unterminated literal ends at its line's end
        const end = scanQuoted(text, index, text.charCodeAt(index));
        mark.lastIndex = end < 0 ? -end - 1 : end;
        break;
      }
      case 0x2f: // a comment, in hand-written input
        mark.lastIndex = commentEnd(text, index) + 1;
        break;
      default: // ;
        if (depth !== 0) break;
        pieces.push([start, index + 1]);
        start = firstNonSpace(text, index + 1);
    }
  }
  if (start < text.length) pieces.push([start, text.length]);
  return pieces;
}

function firstNonSpace(text: string, from: number): number {
  let index = from;
  for (let code = text.charCodeAt(index); code === 0x20 || (code >= 0x09 && code <= 0x0d); code = text.charCodeAt(++index));
  return Math.min(index, text.length);
}

/** The last index of a comment starting at `slash`, or `slash` itself when none does. */
function commentEnd(text: string, slash: number): number {
  const next = text.charCodeAt(slash + 1);
  if (next === 0x2a) {
    const close = text.indexOf('*/', slash + 2);
    return close < 0 ? text.length : close + 1;
  }
  if (next === 0x2f) {
    const newline = text.indexOf('\n', slash);
    return newline < 0 ? text.length : newline;
  }
  return slash;
}

/** Readings of the pieces read before in this process, by their text; bounded, since a process may run long. */
const readings = new Map<string, PieceReading>();
const maxPieces = 100_000;

export function rememberedReading(text: string): PieceReading | undefined {
  return readings.get(text);
}

export function rememberReading(text: string, reading: PieceReading): void {
  if (readings.size >= maxPieces) readings.clear();
  readings.set(text, reading);
}
