// The character level of the C lexical grammar (C11 §6.4): character classes, and where an
// identifier, a number, a quoted literal or a punctuator that starts at some offset ends.

// Character classes, indexed by UTF-16 code unit; everything from 128 up counts as an identifier
// character so that UTF-8 identifiers pass through.
export const IDENT_START = 1;
export const DIGIT = 2;
export const SPACE = 4;
const IDENT = IDENT_START | DIGIT;
export const charClass = new Uint8Array(65536).fill(IDENT_START, 128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) charClass[c] = IDENT_START;
  else if (/[0-9]/.test(ch)) charClass[c] = DIGIT;
  else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') charClass[c] = SPACE;
}

function isIdentifierChar(c: number): boolean {
  return (charClass[c] & IDENT) !== 0;
}

/**
 * The code unit at `i`, or -1 past the end: reading past the end of a string would throw away
 * the optimized code of the scanner.
 */
export function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** The end of the identifier characters from `pos`. */
export function identifierEnd(text: string, pos: number): number {
  const length = text.length;
  let end = pos;
  // charClass read in place: a call per character costs much before the scanner is optimized
  while (end < length && (charClass[text.charCodeAt(end)] & IDENT) !== 0) end++;
  return end;
}

export const CODE_TAB = 9;
export const CODE_NEWLINE = 10;
export const CODE_RETURN = 13;
export const CODE_SPACE = 32;
export const CODE_DOUBLE_QUOTE = 34;
export const CODE_HASH = 35;
export const CODE_SINGLE_QUOTE = 39;
export const CODE_PERCENT = 37;
export const CODE_STAR = 42;
const CODE_PLUS = 43;
const CODE_MINUS = 45;
export const CODE_DOT = 46;
export const CODE_SLASH = 47;
export const CODE_COLON = 58;
const CODE_BACKSLASH = 92;

/** `text[start, end)` is an encoding prefix of a character constant or string literal: L, u, U or u8. */
export function isEncodingPrefix(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 1) {
    const c = text[start];
    return c === 'L' || c === 'u' || c === 'U';
  }
  return length === 2 && text[start] === 'u' && text[start + 1] === '8';
}

/** Returns the offset after the literal, or −(offset + 1) when the line ends before the closing quote. */
export function scanQuoted(text: string, pos: number, quote: number): number {
  let i = pos + 1;
  for (;;) {
    if (i >= text.length) return -i - 1;
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === CODE_NEWLINE) return -i - 1;
    i += c === CODE_BACKSLASH && codeAt(text, i + 1) !== CODE_NEWLINE ? 2 : 1;
  }
}

export function scanNumber(text: string, pos: number): number {
  const length = text.length;
  let i = pos + 1;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === CODE_PLUS || c === CODE_MINUS) {
      const before = text.charCodeAt(i - 1) | 0x20;
      if (before === 0x65 || before === 0x70) {
        i++;
        continue;
      }
      return i;
    }
    if (c === CODE_DOT || isIdentifierChar(c)) {
      i++;
      continue;
    }
    return i;
  }
  return i;
}

/**
 * The punctuator (C11 §6.4.6) starting at `pos`, whose first character is `c`. A digraph keeps its
 * spelling, which gcc -E prints and `#` stringizes.
 */
export function punctuatorAt(text: string, pos: number, c: number): string | undefined {
  const next = codeAt(text, pos + 1);
  switch (c) {
    case 0x5b: return '[';
    case 0x5d: return ']';
    case 0x28: return '(';
    case 0x29: return ')';
    case 0x7b: return '{';
    case 0x7d: return '}';
    case 0x7e: return '~';
    case 0x3f: return '?';
    case CODE_COLON: return next === 0x3e ? ':>' : ':';
    case 0x3b: return ';';
    case 0x2c: return ',';
    case CODE_DOT:
      return next === CODE_DOT && codeAt(text, pos + 2) === CODE_DOT ? '...' : '.';
    case CODE_HASH:
      return next === CODE_HASH ? '##' : '#';
    case CODE_MINUS:
      return next === 0x3e ? '->' : next === CODE_MINUS ? '--' : next === 0x3d ? '-=' : '-';
    case CODE_PLUS:
      return next === CODE_PLUS ? '++' : next === 0x3d ? '+=' : '+';
    case 0x26:
      return next === 0x26 ? '&&' : next === 0x3d ? '&=' : '&';
    case 0x7c:
      return next === 0x7c ? '||' : next === 0x3d ? '|=' : '|';
    case 0x3c:
      if (next === 0x3c) return codeAt(text, pos + 2) === 0x3d ? '<<=' : '<<';
      return next === 0x3d ? '<=' : next === CODE_COLON ? '<:' : next === CODE_PERCENT ? '<%' : '<';
    case 0x3e:
      if (next === 0x3e) return codeAt(text, pos + 2) === 0x3d ? '>>=' : '>>';
      return next === 0x3d ? '>=' : '>';
    case 0x3d:
      return next === 0x3d ? '==' : '=';
    case 0x21:
      return next === 0x3d ? '!=' : '!';
    case CODE_STAR:
      return next === 0x3d ? '*=' : '*';
    case CODE_SLASH:
      return next === 0x3d ? '/=' : '/';
    case CODE_PERCENT:
      if (next === CODE_COLON) return codeAt(text, pos + 2) === CODE_PERCENT && codeAt(text, pos + 3) === CODE_COLON ? '%:%:' : '%:';
      return next === 0x3d ? '%=' : next === 0x3e ? '%>' : '%';
    case 0x5e:
      return next === 0x3d ? '^=' : '^';
    default:
      return undefined;
  }
}
