// Source text → preprocessing tokens (C11 §6.4), read on demand. Line splices are removed first;
// comments become the `space` flag; every token keeps the file, line and column where it was
// written. A file is scanned as it is preprocessed, so tokens of skipped #if groups are never made:
// skipping a group only looks for the directives that end it.

import { fail } from '../diagnostics.js';
import {
  charClass, codeAt, identifierEnd, isEncodingPrefix, punctuatorAt, scanNumber, scanQuoted, DIGIT, IDENT_START, SPACE,
  CODE_COLON, CODE_DOT, CODE_DOUBLE_QUOTE, CODE_HASH, CODE_NEWLINE, CODE_PERCENT, CODE_RETURN, CODE_SINGLE_QUOTE, CODE_SLASH, CODE_SPACE, CODE_STAR, CODE_TAB,
} from './characters.js';
import { sourceToken, type Token, type TokenKind } from './token.js';

/** A file's text with line splices removed, and the offsets (in that text) where each one was. */
export interface SplicedText {
  text: string;
  splices: number[];
}

/** How a directive line changes the nesting of #if groups. */
type Nesting = 0 | 1 | 2 | 3;
const Nesting = { None: 0, If: 1, Else: 2, Endif: 3 } as const;

const nestingOf = new Map<string, Nesting>([
  ['if', Nesting.If], ['ifdef', Nesting.If], ['ifndef', Nesting.If],
  ['elif', Nesting.Else], ['elifdef', Nesting.Else], ['elifndef', Nesting.Else], ['else', Nesting.Else],
  ['endif', Nesting.Endif],
]);

/** What skipLineText stops at: a quote, a slash or a newline. */
const groupLineStop = /["'/\n]/g;

/** The length of the `#` (1) or `%:` (2) that starts a directive at `pos`, or 0. */
function directiveHashLength(source: string, pos: number): number {
  const c = source.charCodeAt(pos);
  if (c === CODE_HASH) return 1;
  return c === CODE_PERCENT && codeAt(source, pos + 1) === CODE_COLON ? 2 : 0;
}

/** Removes backslash-newline splices (a backslash, then perhaps blanks, then the end of the line). */
export function removeSplices(source: string): SplicedText {
  const splices: number[] = [];
  let backslash = source.indexOf('\\');
  if (backslash === -1) return { text: source, splices };
  const pieces: string[] = [];
  const length = source.length;
  let copied = 0;
  let removed = 0;
  for (; backslash !== -1; backslash = source.indexOf('\\', backslash + 1)) {
    let end = backslash + 1;
    while (end < length && (source.charCodeAt(end) === CODE_SPACE || source.charCodeAt(end) === CODE_TAB)) end++;
    if (end < length && source.charCodeAt(end) === CODE_RETURN) end++;
    if (end >= length || source.charCodeAt(end) !== CODE_NEWLINE) continue;
    splices.push(backslash - removed);
    pieces.push(source.slice(copied, backslash));
    copied = end + 1;
    removed += copied - backslash;
    backslash = end;
  }
  pieces.push(source.slice(copied));
  return { text: pieces.join(''), splices };
}

/** Tokenizes a whole piece of text. Throws GI2009 on an unterminated comment. */
export function tokenize(source: string, file: string): Token[] {
  const scanner = new Scanner(file, removeSplices(source));
  const tokens: Token[] = [];
  while (scanner.advance()) tokens.push(scanner.token());
  return tokens;
}

/**
 * Reads a file's tokens one at a time. `advance` scans the next token into the fields `kind`,
 * `text`, `line`, `column`, `space` and `bol`, which a caller may use as they are (most tokens
 * of a file go straight to the output) or turn into a Token.
 */
export class Scanner {
  kind: TokenKind = 'eof';
  text = '';
  line = 0;
  column = 0;
  /** whitespace or a comment came before the token */
  space = false;
  /** the token starts a logical line */
  bol = false;

  private readonly source: string;
  private readonly splices: readonly number[];
  private pos = 0;
  private cursorLine = 1;
  private cursorLineStart = 0;
  private nextSplice = 0;
  /** the next token starts a logical line */
  private atLineStart = true;
  /** whitespace or a comment comes before the next token */
  private spaceBefore = false;

  constructor(
    readonly file: string,
    source: SplicedText,
  ) {
    this.source = source.text;
    this.splices = source.splices;
  }

  /** Scans the next token into the token fields; false at the end of the text. */
  advance(): boolean {
    this.skipTrivia();
    if (this.pos >= this.source.length) return false;
    this.scanToken();
    return true;
  }

  /** The token last scanned. */
  token(): Token {
    return sourceToken(this.kind, this.text, this.file, this.line, this.column, this.space, this.bol);
  }

  /** The next token, or undefined at the end of the text. */
  next(): Token | undefined {
    return this.advance() ? this.token() : undefined;
  }

  /** Scans the next token of the current logical line into the token fields; false at its end. */
  advanceInLine(): boolean {
    this.skipTrivia();
    if (this.atLineStart || this.pos >= this.source.length) return false;
    this.scanToken();
    return true;
  }

  /** The tokens up to the end of the current logical line. */
  restOfLine(): Token[] {
    const tokens: Token[] = [];
    while (this.advanceInLine()) tokens.push(this.token());
    return tokens;
  }

  /** Passes over the rest of the current logical line without making tokens. */
  skipRestOfLine(): void {
    for (;;) {
      this.skipTrivia();
      if (this.atLineStart || this.pos >= this.source.length) return;
      this.skipLineText();
    }
  }

  /**
   * Passes over a skipped group: stops before the `#` of the #elif/#else/#endif that ends it, or
   * at the end of the text. Nested groups are passed over whole.
   */
  skipGroup(): void {
    const source = this.source;
    let depth = 0;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= source.length) return;
      const hashLength = this.atLineStart ? directiveHashLength(source, this.pos) : 0;
      if (hashLength > 0) {
        const hash = this.pos;
        const { cursorLine, cursorLineStart, spaceBefore } = this;
        this.pos += hashLength;
        this.atLineStart = false;
        this.skipTrivia();
        if (this.atLineStart) continue;
        const nesting = this.directiveNesting();
        if (nesting === Nesting.If) depth++;
        else if (nesting !== Nesting.None) {
          if (depth === 0) {
            this.pos = hash;
            this.cursorLine = cursorLine;
            this.cursorLineStart = cursorLineStart;
            this.spaceBefore = spaceBefore;
            this.atLineStart = true;
            return;
          }
          if (nesting === Nesting.Endif) depth--;
        }
      }
      this.skipLineText();
    }
  }

  /**
   * Passes over text up to the next comment or newline without making tokens: in a line no token
   * is made of, only a literal (which may hide a comment's start), a comment and the end of the
   * line matter, so the search jumps to them.
   */
  private skipLineText(): void {
    const source = this.source;
    let pos = this.pos;
    for (;;) {
      groupLineStop.lastIndex = pos;
      if (!groupLineStop.test(source)) {
        pos = source.length;
        break;
      }
      pos = groupLineStop.lastIndex - 1;
      const c = source.charCodeAt(pos);
      if (c === CODE_NEWLINE) break;
      if (c === CODE_SLASH) {
        const next = codeAt(source, pos + 1);
        if (next === CODE_SLASH || next === CODE_STAR) break;
        pos++;
        continue;
      }
      const end = scanQuoted(source, pos, c);
      pos = end < 0 ? -end - 1 : end;
    }
    this.pos = pos;
    this.atLineStart = false;
    this.spaceBefore = false;
  }

  /** Whitespace, comments and newlines before the next token. */
  private skipTrivia(): void {
    const source = this.source;
    const length = source.length;
    let pos = this.pos;
    // kept in locals while looping: the first files are read before the scanner is optimized
    let space = this.spaceBefore;
    let line = this.cursorLine;
    let lineStart = this.cursorLineStart;
    let atLineStart = this.atLineStart;
    while (pos < length) {
      const c = source.charCodeAt(pos);
      if (c === CODE_NEWLINE) {
        pos++;
        line++;
        lineStart = pos;
        atLineStart = true;
        space = false;
        continue;
      }
      if (charClass[c] === SPACE) {
        pos++;
        space = true;
        continue;
      }
      if (c !== CODE_SLASH) break;
      const next = codeAt(source, pos + 1);
      if (next === CODE_SLASH) {
        const end = source.indexOf('\n', pos);
        pos = end === -1 ? length : end;
        space = true;
        continue;
      }
      if (next !== CODE_STAR) break;
      this.cursorLine = line;
      this.cursorLineStart = lineStart;
      pos = this.skipBlockComment(pos);
      line = this.cursorLine;
      lineStart = this.cursorLineStart;
      space = true;
    }
    this.pos = pos;
    this.spaceBefore = space;
    this.cursorLine = line;
    this.cursorLineStart = lineStart;
    this.atLineStart = atLineStart;
  }

  /** Returns the offset after the comment starting at `pos`. Throws GI2009 when it is not closed. */
  private skipBlockComment(pos: number): number {
    const source = this.source;
    const end = source.indexOf('*/', pos + 2);
    if (end === -1) fail('GI2009', [], { file: this.file, line: this.cursorLine, column: pos - this.cursorLineStart + 1 });
    for (let i = source.indexOf('\n', pos); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) {
      this.cursorLine++;
      this.cursorLineStart = i + 1;
    }
    return end + 2;
  }

  /** How the directive whose name starts here nests; moves past the name. */
  private directiveNesting(): Nesting {
    const source = this.source;
    const start = this.pos;
    if (start >= source.length || charClass[source.charCodeAt(start)] !== IDENT_START) return Nesting.None;
    const end = identifierEnd(source, start + 1);
    this.pos = end;
    return nestingOf.get(source.slice(start, end)) ?? Nesting.None;
  }

  /** Scans the token starting at `pos`, which is not whitespace. */
  private scanToken(): void {
    const source = this.source;
    const start = this.pos;
    const c = source.charCodeAt(start);
    const kind = charClass[c];
    if (kind === IDENT_START) {
      const end = identifierEnd(source, start + 1);
      const quote = codeAt(source, end);
      if ((quote === CODE_DOUBLE_QUOTE || quote === CODE_SINGLE_QUOTE) && isEncodingPrefix(source, start, end)) {
        this.quoted(start, end, quote);
      } else {
        this.found('identifier', start, end, source.slice(start, end));
      }
    } else if (kind === DIGIT || (c === CODE_DOT && start + 1 < source.length && charClass[source.charCodeAt(start + 1)] === DIGIT)) {
      const end = scanNumber(source, start);
      this.found('number', start, end, source.slice(start, end));
    } else if (c === CODE_DOUBLE_QUOTE || c === CODE_SINGLE_QUOTE) {
      this.quoted(start, start, c);
    } else {
      const punctuator = punctuatorAt(source, start, c);
      if (punctuator !== undefined) this.found('punctuator', start, start + punctuator.length, punctuator);
      else this.found('other', start, start + 1, source.slice(start, start + 1));
    }
  }

  /** A string or character literal whose quote is at `quotePos` (after any encoding prefix). */
  private quoted(start: number, quotePos: number, quote: number): void {
    const end = scanQuoted(this.source, quotePos, quote);
    if (end < 0) this.found('unterminated', start, -end - 1, this.source.slice(start, -end - 1));
    else this.found(quote === CODE_DOUBLE_QUOTE ? 'string' : 'char', start, end, this.source.slice(start, end));
  }

  /** Sets the token fields to the token at [start, end); splices passed on the way count as lines. */
  private found(kind: TokenKind, start: number, end: number, spelling: string): void {
    const splices = this.splices;
    while (this.nextSplice < splices.length && splices[this.nextSplice] <= start) {
      this.cursorLine++;
      if (splices[this.nextSplice] > this.cursorLineStart) this.cursorLineStart = splices[this.nextSplice];
      this.nextSplice++;
    }
    this.kind = kind;
    this.text = spelling;
    this.line = this.cursorLine;
    this.column = start - this.cursorLineStart + 1;
    this.space = this.spaceBefore;
    this.bol = this.atLineStart;
    this.pos = end;
    this.atLineStart = false;
    this.spaceBefore = false;
  }
}

