// Text fixes before tree-sitter sees the translation unit, for GNU C that tree-sitter-c's grammar
// does not accept. Each fix replaces text by text of the same length (spaces, mostly), so every
// offset, line and column stays where it was, and the readers keep reading the original text.

export interface PreparedText {
  /** what tree-sitter parses */
  text: string;
  /** offsets of the blanked `__attribute__((visibility("default")))`, ascending */
  exportMarks: number[];
  /** `union __attribute__((packed)) U`: the attribute text by the offset of its keyword */
  keywordAttributes: Map<number, string>;
  /** `int a __attribute__((packed)), b`: the attribute text by the offset where the declarator (or bit width) before it ends */
  declaratorAttributes: Map<number, string>;
  /** blanked attributes before `typedef` that would have changed layout; the caller reports them */
  lostLayoutAttributes: { offset: number; text: string }[];
}

type Span = [start: number, end: number];
type Replacement = { at: number; text: string };

export function prepareText(source: string): PreparedText {
  const blanks: Span[] = [];
  const keywordAttributes = new Map<number, string>();
  const lostLayoutAttributes: PreparedText['lostLayoutAttributes'] = [];

  // `__attribute__((deprecated)) typedef wchar_t Py_UNICODE;` (Py_DEPRECATED before a typedef)
  const typedefWord = /\btypedef\b/g;
  for (let match = typedefWord.exec(source); match; match = typedefWord.exec(source)) {
    let start = match.index;
    for (let attribute = attributeEndingAt(source, start); attribute !== undefined; attribute = attributeEndingAt(source, start)) start = attribute;
    if (start === match.index) continue;
    const text = source.slice(start, match.index);
    if (/\b(?:__)?(?:aligned|packed)(?:__)?\b/.test(text)) lostLayoutAttributes.push({ offset: start, text: text.trim() });
    blanks.push([start, match.index]);
  }

  // `union __attribute__((packed)) U { … }` and the same for enum: the grammar takes attributes
  // there only after `struct`.
  const keywordThenAttribute = /\b(?:union|enum)\s+(?=__attribute)/g;
  for (let match = keywordThenAttribute.exec(source); match; match = keywordThenAttribute.exec(source)) {
    const start = match.index + match[0].length;
    let end = start;
    for (let next = attributeStartingAt(source, end); next !== undefined; next = attributeStartingAt(source, end)) end = next;
    keywordAttributes.set(match.index, source.slice(start, end));
    blanks.push([start, end]);
  }

  // `__builtin_offsetof(T, m)`: the grammar knows `offsetof(T, m)`.
  const offsetofWord = /\b__builtin_offsetof\b/g;
  const replacements: Replacement[] = [];
  for (let match = offsetofWord.exec(source); match; match = offsetofWord.exec(source)) {
    replacements.push({ at: match.index, text: 'offsetof'.padEnd(match[0].length) });
  }

  // PyAPI_FUNC and PyAPI_DATA: a fifth of what tree-sitter would build for Python.h, for one bit
  // the declaration reader can take from the mark's position instead.
  const exportMarks: number[] = [];
  const visibilityDefault = /__attribute__\s*\(\s*\(\s*visibility\s*\(\s*"default"\s*\)\s*\)\s*\)/g;
  for (let match = visibilityDefault.exec(source); match; match = visibilityDefault.exec(source)) {
    exportMarks.push(match.index);
    blanks.push([match.index, match.index + match[0].length]);
  }

  const declaratorAttributes = blankAttributesBeforeComma(source, blanks);
  replacements.push(...joinAttributeRuns(source, new Set(exportMarks)), ...joinBitFieldTypeWords(source), ...digraphPunctuators(source));

  const text = rewrite(source, blanks, replacements);
  return { text, exportMarks, keywordAttributes, declaratorAttributes, lostLayoutAttributes };
}

/**
 * `int a __attribute__((packed)), b;` and `int a : 3 __attribute__((packed)), b : 2;`: the grammar
 * takes attributes after the last declarator only. The others join `blanks`, and their text is kept
 * for the reader.
 */
function blankAttributesBeforeComma(source: string, blanks: Span[]): Map<number, string> {
  const attributes = new Map<number, string>();
  const closeThenComma = /\)\s*\)\s*,/g;
  for (let match = closeThenComma.exec(source); match; match = closeThenComma.exec(source)) {
    const end = source.lastIndexOf(')', match.index + match[0].length) + 1;
    let start = attributeEndingAt(source, end);
    if (start === undefined) continue;
    for (let earlier = attributeEndingAt(source, start); earlier !== undefined; earlier = attributeEndingAt(source, start)) start = earlier;
    attributes.set(skipSpaceBackward(source, start), source.slice(start, end));
    blanks.push([start, end]);
  }
  return attributes;
}

/**
 * `int x __attribute__((packed)) __attribute__((aligned(8)))`: the grammar takes one attribute
 * specifier after a declarator, after `struct` and after a record's brace. Each `)) __attribute__((`
 * between two becomes a comma, which makes the run one specifier to tree-sitter; the reader reads
 * the run's source text, every specifier of it. The blanked visibility("default") is left apart.
 */
function joinAttributeRuns(source: string, exportMarks: ReadonlySet<number>): Replacement[] {
  const joins: Replacement[] = [];
  const betweenAttributes = /\)\s*\)\s*(__attribute(?:__)?)\s*\(\s*\(/g;
  for (let match = betweenAttributes.exec(source); match; match = betweenAttributes.exec(source)) {
    const junction = match[0];
    const firstStart = attributeEndingAt(source, source.indexOf(')', match.index + 1) + 1);
    const secondStart = match.index + junction.indexOf(match[1]!);
    if (firstStart === undefined || exportMarks.has(firstStart) || exportMarks.has(secondStart)) continue;
    // `__attribute__(())` holds nothing to join with
    const end = match.index + junction.length;
    if (source[skipSpaceBackward(source, match.index) - 1] === '(' || source[skipSpaceForward(source, end)] === ')') continue;
    joins.push({ at: match.index, text: `,${junction.slice(1).replace(/[^\n]/g, ' ')}` });
  }
  return joins;
}

/** far enough back for the longest spelling of a base type */
const lookBack = 80;
const typeWord = '(?:signed|unsigned|short|long|int|char|__int128)';
const severalTypeWordsAtEnd = new RegExp(`\\b(${typeWord}(?:[ \\t]+${typeWord})+)[ \\t]*$`);
const enumTagAtEnd = /\b(enum[ \t]+\w+)[ \t]*$/;
/** what follows the colon in `enum E : 1;`, not in C23's `enum E : int { … }`; bounded, as each enum's colon looks */
const enumBitWidth = new RegExp(`[ \\t]*(?!(?:${typeWord}|_Bool)\\b)[^;{]{0,256};`, 'y');

/**
 * `unsigned long : 3;` and `enum E : 1;`, unnamed bit-fields: tree-sitter-c fails on the first
 * (or takes `__int128` in `signed __int128 : 3` for the name) and reads the second as a C23 enum
 * with a fixed underlying type. Joined into one word (`unsigned_long`, `enum_E`) the type reads as
 * a typedef name before a missing member name; the reader takes the words from the source.
 */
function joinBitFieldTypeWords(source: string): Replacement[] {
  const joins: Replacement[] = [];
  // a colon is rare; a look back from each is cheaper than a scan for the words
  for (let colon = source.indexOf(':'); colon !== -1; colon = source.indexOf(':', colon + 1)) {
    const from = Math.max(0, colon - lookBack);
    const before = source.slice(from, colon);
    let words = severalTypeWordsAtEnd.exec(before);
    if (!words) {
      words = enumTagAtEnd.exec(before);
      enumBitWidth.lastIndex = colon + 1;
      if (words && !enumBitWidth.test(source)) continue;
    }
    if (!words || (words.index === 0 && from > 0)) continue;
    joins.push({ at: from + words.index, text: words[1]!.replace(/[ \t]/g, '_') });
  }
  return joins;
}

/** Blanks may overlap one another; a replacement lies apart from them or inside one, where it has no effect. */
function rewrite(source: string, blanks: Span[], replacements: Replacement[]): string {
  if (blanks.length === 0 && replacements.length === 0) return source;
  const edits: { at: number; end: number; text?: string }[] = [
    ...blanks.map(([at, end]) => ({ at, end })),
    ...replacements.map(({ at, text }) => ({ at, end: at + text.length, text })),
  ].sort((a, b) => a.at - b.at || b.end - a.end);
  const parts: string[] = [];
  let from = 0;
  for (const { at, end, text } of edits) {
    if (end <= from || (text !== undefined && at < from)) continue;
    const start = Math.max(at, from);
    parts.push(source.slice(from, start), text ?? blank(source.slice(start, end)));
    from = end;
  }
  parts.push(source.slice(from));
  return parts.join('');
}

/** Spaces in place of `text`, but for its line breaks. */
function blank(text: string): string {
  return text.includes('\n') ? text.replace(/[^\n]/g, ' ') : ' '.repeat(text.length);
}

/** An attribute is short: a longer walk back is through an expression, and would make a scan quadratic. */
const longestAttribute = 1024;

/** The start of an `__attribute__((…))` that ends, but for white space, at `end`. */
function attributeEndingAt(text: string, end: number): number | undefined {
  let position = skipSpaceBackward(text, end);
  if (text[position - 1] !== ')') return undefined;
  const limit = Math.max(0, position - longestAttribute);
  let depth = 0;
  for (position--; position >= limit; position--) {
    const char = text[position];
    if (char === ')') depth++;
    else if (char === '(' && --depth === 0) break;
  }
  if (position < limit) return undefined;
  position = skipSpaceBackward(text, position);
  for (const keyword of ['__attribute__', '__attribute']) {
    const start = position - keyword.length;
    if (start >= 0 && text.startsWith(keyword, start) && !/\w/.test(text[start - 1] ?? ' ')) return start;
  }
  return undefined;
}

/** The end (after trailing white space) of an `__attribute__((…))` that starts at `start`. */
function attributeStartingAt(text: string, start: number): number | undefined {
  const keyword = /^__attribute(?:__)?\s*\(/.exec(text.slice(start, start + 40));
  if (!keyword) return undefined;
  let depth = 0;
  for (let position = start + keyword[0].length - 1; position < text.length; position++) {
    const char = text[position];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) {
      let end = position + 1;
      while (end < text.length && /\s/.test(text[end]!)) end++;
      return end;
    }
  }
  return undefined;
}

function skipSpaceForward(text: string, start: number): number {
  let position = start;
  while (position < text.length && /\s/.test(text[position]!)) position++;
  return position;
}

function skipSpaceBackward(text: string, end: number): number {
  let position = end;
  while (position > 0 && /\s/.test(text[position - 1]!)) position--;
  return position;
}

/** The punctuator each digraph spells, padded to the digraph's length. */
const digraphSpelling: Record<string, string> = { '<:': '[ ', ':>': ' ]', '<%': '{ ', '%>': ' }' };

/**
 * `int a<:3:>;` and `struct s <% … %>`: the preprocessor keeps a digraph's spelling, as gcc -E
 * does, and the grammar knows only the brackets and braces they stand for. Inside a string or
 * character literal the same-length change is harmless: the readers read the original text.
 */
function digraphPunctuators(source: string): Replacement[] {
  const replacements: Replacement[] = [];
  const digraph = /<:|:>|<%|%>/g;
  for (let match = digraph.exec(source); match; match = digraph.exec(source)) {
    replacements.push({ at: match.index, text: digraphSpelling[match[0]]! });
  }
  return replacements;
}
