// Preprocessing tokens (C11 §6.4) as the preprocessor passes them around: the spelling, where it
// was written, its spacing, and for a token produced by a macro, its hide set and invocation.

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

// The fields are declared, not class fields: compiled for ES2022 a class field is defined on every
// new object before the constructor assigns it, which doubles the cost of making a token.
export class Token {
  declare readonly kind: TokenKind;
  declare readonly text: string;
  /** where the token was written: for a token from a macro body, the #define line */
  declare readonly file: string;
  declare readonly line: number;
  declare readonly column: number;
  /** whitespace or a comment came before it */
  declare readonly space: boolean;
  /** first token of a logical line */
  declare readonly bol: boolean;
  declare readonly hideset: HideSet;
  /** the innermost macro invocation that produced it; undefined for a token read from a file */
  declare readonly expansion: Expansion | undefined;

  constructor(
    kind: TokenKind,
    text: string,
    file: string,
    line: number,
    column: number,
    space: boolean,
    bol: boolean,
    hideset: HideSet,
    expansion: Expansion | undefined,
  ) {
    this.kind = kind;
    this.text = text;
    this.file = file;
    this.line = line;
    this.column = column;
    this.space = space;
    this.bol = bol;
    this.hideset = hideset;
    this.expansion = expansion;
  }

  /** The copy of this token that a macro expansion puts in its result. */
  expandedCopy(hideset: HideSet, expansion: Expansion, space: boolean): Token {
    return new Token(this.kind, this.text, this.file, this.line, this.column, space, false, hideset, expansion);
  }

  /** A token made by the preprocessor (a pasted or stringized token, `__LINE__`) at this token's place. */
  derived(kind: TokenKind, text: string): Token {
    return new Token(kind, text, this.file, this.line, this.column, this.space, false, this.hideset, this.expansion);
  }

  /** This token with other leading spacing, as when it replaces a parameter. */
  withSpace(space: boolean): Token {
    return new Token(this.kind, this.text, this.file, this.line, this.column, space, false, this.hideset, this.expansion);
  }
}

/** `#` or its digraph `%:`: a directive's start, or stringizing in a function-like macro's body. */
export function isHash(token: Token): boolean {
  return isHashPunctuator(token.kind, token.text);
}

/** isHash for a token not made into a Token, such as the one a Scanner holds. */
export function isHashPunctuator(kind: TokenKind, text: string): boolean {
  return kind === 'punctuator' && (text === '#' || text === '%:');
}

/** `##` or its digraph `%:%:`: pasting in a macro's body. */
export function isHashHash(token: Token): boolean {
  return token.kind === 'punctuator' && (token.text === '##' || token.text === '%:%:');
}

/** A token read from a file or a piece of text: no hide set, no expansion. */
export function sourceToken(kind: TokenKind, text: string, file: string, line: number, column: number, space: boolean, bol: boolean): Token {
  return new Token(kind, text, file, line, column, space, bol, HideSet.empty, undefined);
}
