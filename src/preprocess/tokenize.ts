// Source text → preprocessing tokens (C11 §6.4). Line splices are removed first; comments become
// the `space` flag; every token keeps the file, line and column where it was written.

import { fail } from '../diagnostics.js';
import { HideSet } from './hideset.js';
import type { Macro } from './macros.js';

export type TokenKind =
  | 'identifier'
  | 'number'
  | 'string'
  | 'char'
  | 'punctuator'
  /** a stray character such as '@' or '\' */
  | 'other'
  /** a quote with no closing quote on its line; an error only if it reaches the output */
  | 'unterminated'
  /** the end of a file or of a token list being expanded */
  | 'eof';

/** One macro invocation: which macro, and the token that named it (itself possibly expanded). */
export interface Expansion {
  readonly macro: Macro;
  readonly invokedBy: Token;
}

export class Token {
  constructor(
    readonly kind: TokenKind,
    readonly text: string,
    /** where the token was written: for a token from a macro body, the #define line */
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** whitespace or a comment came before it */
    readonly space: boolean,
    /** first token of a logical line */
    readonly bol: boolean,
    readonly hideset: HideSet,
    /** the innermost macro invocation that produced it; undefined for a token read from a file */
    readonly expansion: Expansion | undefined,
  ) {}

  /** The copy of this token that a macro expansion puts in its result. */
  expandedCopy(hideset: HideSet, expansion: Expansion, space: boolean = this.space): Token {
    return new Token(this.kind, this.text, this.file, this.line, this.column, space, false, hideset, expansion);
  }

  /** A token made by the preprocessor (a pasted or stringized token, `__LINE__`) at this token's place. */
  derived(kind: TokenKind, text: string): Token {
    return new Token(kind, text, this.file, this.line, this.column, this.space, false, this.hideset, this.expansion);
  }
}

// Character classes, indexed by UTF-16 code unit; everything from 128 up counts as an identifier
// character so that UTF-8 identifiers pass through.
const IDENT_START = 1;
const DIGIT = 2;
const SPACE = 4;
const IDENT = IDENT_START | DIGIT;
const charClass = new Uint8Array(65536).fill(IDENT_START, 128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) charClass[c] = IDENT_START;
  else if (/[0-9]/.test(ch)) charClass[c] = DIGIT;
  else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') charClass[c] = SPACE;
}

/** `c` may be NaN (past the end of the text), which is in no class. */
function isIdentifierChar(c: number): boolean {
  return (charClass[c] & IDENT) !== 0;
}

const THREE_CHAR_PUNCTUATORS = new Set(['...', '<<=', '>>=']);
const TWO_CHAR_PUNCTUATORS = new Set([
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##',
]);

const CODE_NEWLINE = 10;
const CODE_SLASH = 47;
const CODE_STAR = 42;
const CODE_DOT = 46;
const CODE_BACKSLASH = 92;
const CODE_DOUBLE_QUOTE = 34;
const CODE_SINGLE_QUOTE = 39;

/** Removes backslash-newline splices; returns the offsets (in the result) where each one was. */
function removeSplices(text: string): { text: string; splices: number[] } {
  const splices: number[] = [];
  if (!text.includes('\\')) return { text, splices };
  let removed = 0;
  const result = text.replace(/\\[ \t]*\r?\n/g, (match: string, offset: number) => {
    splices.push(offset - removed);
    removed += match.length;
    return '';
  });
  return { text: result, splices };
}

/** Tokenizes a whole file. Throws GI2009 on an unterminated comment. */
export function tokenize(source: string, file: string): Token[] {
  const { text, splices } = removeSplices(source);
  const tokens: Token[] = [];
  const length = text.length;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let nextSplice = 0;
  let bol = true;
  let space = false;

  const push = (kind: TokenKind, start: number, end: number) => {
    while (nextSplice < splices.length && splices[nextSplice] <= start) {
      line++;
      if (splices[nextSplice] > lineStart) lineStart = splices[nextSplice];
      nextSplice++;
    }
    tokens.push(new Token(kind, text.slice(start, end), file, line, start - lineStart + 1, space, bol, HideSet.empty, undefined));
    bol = false;
    space = false;
  };

  const pushQuoted = (start: number, end: number, quote: number) => {
    if (end < 0) {
      pos = -end - 1;
      push('unterminated', start, pos);
    } else {
      pos = end;
      push(quote === CODE_DOUBLE_QUOTE ? 'string' : 'char', start, pos);
    }
  };

  while (pos < length) {
    const c = text.charCodeAt(pos);
    if (c === CODE_NEWLINE) {
      pos++;
      line++;
      lineStart = pos;
      bol = true;
      space = false;
      continue;
    }
    const kind = charClass[c];
    if (kind === SPACE) {
      pos++;
      space = true;
      continue;
    }
    if (c === CODE_SLASH) {
      const next = text.charCodeAt(pos + 1);
      if (next === CODE_SLASH) {
        const end = text.indexOf('\n', pos);
        pos = end === -1 ? length : end;
        space = true;
        continue;
      }
      if (next === CODE_STAR) {
        const end = text.indexOf('*/', pos + 2);
        if (end === -1) fail('GI2009', [], { file, line, column: pos - lineStart + 1 });
        for (let i = text.indexOf('\n', pos); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
          line++;
          lineStart = i + 1;
        }
        pos = end + 2;
        space = true;
        continue;
      }
    }
    const start = pos;
    if (kind === IDENT_START) {
      pos++;
      while (pos < length && isIdentifierChar(text.charCodeAt(pos))) pos++;
      const quote = text.charCodeAt(pos);
      if ((quote === CODE_DOUBLE_QUOTE || quote === CODE_SINGLE_QUOTE) && isEncodingPrefix(text, start, pos)) {
        pushQuoted(start, scanQuoted(text, pos, quote), quote);
        continue;
      }
      push('identifier', start, pos);
      continue;
    }
    if (kind === DIGIT || (c === CODE_DOT && charClass[text.charCodeAt(pos + 1)] === DIGIT)) {
      pos = scanNumber(text, pos);
      push('number', start, pos);
      continue;
    }
    if (c === CODE_DOUBLE_QUOTE || c === CODE_SINGLE_QUOTE) {
      pushQuoted(start, scanQuoted(text, pos, c), c);
      continue;
    }
    const punctuator = matchPunctuator(text, pos);
    if (punctuator > 0) {
      pos += punctuator;
      push('punctuator', start, pos);
      continue;
    }
    pos++;
    push('other', start, pos);
  }
  return tokens;
}

function isEncodingPrefix(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 1) {
    const c = text[start];
    return c === 'L' || c === 'u' || c === 'U';
  }
  return length === 2 && text[start] === 'u' && text[start + 1] === '8';
}

/** Returns the offset after the literal, or −(offset + 1) when the line ends before the closing quote. */
function scanQuoted(text: string, pos: number, quote: number): number {
  let i = pos + 1;
  for (;;) {
    if (i >= text.length) return -i - 1;
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === CODE_NEWLINE) return -i - 1;
    i += c === CODE_BACKSLASH && text.charCodeAt(i + 1) !== CODE_NEWLINE ? 2 : 1;
  }
}

function scanNumber(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if ((c === 43 || c === 45) && /[eEpP]/.test(text[i - 1])) {
      i++;
      continue;
    }
    if (c === CODE_DOT || isIdentifierChar(c)) {
      i++;
      continue;
    }
    return i;
  }
}

const SINGLE_CHAR_PUNCTUATORS = '[](){}.&*+-~!/%<>^|?:;=,#';
/** Characters that can follow the first character of a longer punctuator. */
const SECOND_CHARS = '.<>=&|+-#';

function matchPunctuator(text: string, pos: number): number {
  const first = text[pos];
  if (!SINGLE_CHAR_PUNCTUATORS.includes(first)) return 0;
  if (!SECOND_CHARS.includes(text[pos + 1] ?? ' ')) return 1;
  if ((first === '.' || first === '<' || first === '>') && THREE_CHAR_PUNCTUATORS.has(text.slice(pos, pos + 3))) return 3;
  return TWO_CHAR_PUNCTUATORS.has(text.slice(pos, pos + 2)) ? 2 : 1;
}
