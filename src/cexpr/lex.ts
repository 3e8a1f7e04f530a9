// Splitting C text into token texts, for callers that hold an expression as a string
// (tests, command-line defines). The preprocessor has its own tokenizer for whole files.

const punctuators = [
  '<<=', '>>=', '...', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##',
];

const identifierStart = /[A-Za-z_$]/;
const identifierPart = /[A-Za-z0-9_$]/;
const digit = /[0-9]/;

/** Split C source text into token texts (identifiers, numbers, strings, chars, punctuators). */
export function tokenizeExpression(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += 2;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (identifierStart.test(c)) {
      let j = i + 1;
      while (j < text.length && identifierPart.test(text[j]!)) j++;
      const word = text.slice(i, j);
      // An encoding prefix belongs to the literal that follows it.
      if ((text[j] === "'" || text[j] === '"') && (word === 'L' || word === 'u' || word === 'U' || word === 'u8')) {
        j = skipQuoted(text, j);
      }
      tokens.push(text.slice(i, j));
      i = j;
    } else if (digit.test(c) || (c === '.' && digit.test(text[i + 1] ?? ''))) {
      const j = skipPpNumber(text, i);
      tokens.push(text.slice(i, j));
      i = j;
    } else if (c === "'" || c === '"') {
      const j = skipQuoted(text, i);
      tokens.push(text.slice(i, j));
      i = j;
    } else {
      const punctuator = punctuators.find((p) => text.startsWith(p, i)) ?? c;
      tokens.push(punctuator);
      i += punctuator.length;
    }
  }
  return tokens;
}

/** A preprocessing number (C11 6.4.8): digits, letters, '.', and signs after e/E/p/P. */
function skipPpNumber(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length) {
    const c = text[j]!;
    if ((c === '+' || c === '-') && /[eEpP]/.test(text[j - 1]!)) j++;
    else if (c === '.' || identifierPart.test(c)) j++;
    else break;
  }
  return j;
}

/** The end of a quoted literal starting at `start`; an unterminated one ends at the line's end. */
function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  let j = start + 1;
  while (j < text.length && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return j < text.length && text[j] === quote ? j + 1 : j;
}
