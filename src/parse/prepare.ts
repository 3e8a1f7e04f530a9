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
  /** blanked attributes before `typedef` that would have changed layout; the caller reports them */
  lostLayoutAttributes: { offset: number; text: string }[];
}

type Span = [start: number, end: number];

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
  const replacements: { at: number; text: string }[] = [];
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

  return { text: rewrite(source, blanks, replacements), exportMarks, keywordAttributes, lostLayoutAttributes };
}

function rewrite(source: string, blanks: Span[], replacements: { at: number; text: string }[]): string {
  if (blanks.length === 0 && replacements.length === 0) return source;
  const edits = [
    ...blanks.map(([start, end]) => ({ at: start, text: source.slice(start, end).replace(/[^\n]/g, ' ') })),
    ...replacements,
  ].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += source.slice(from, edit.at) + edit.text;
    from = edit.at + edit.text.length;
  }
  return out + source.slice(from);
}

/** The start of an `__attribute__((…))` that ends, but for white space, at `end`. */
function attributeEndingAt(text: string, end: number): number | undefined {
  let position = skipSpaceBackward(text, end);
  if (text[position - 1] !== ')') return undefined;
  let depth = 0;
  for (position--; position >= 0; position--) {
    const char = text[position];
    if (char === ')') depth++;
    else if (char === '(' && --depth === 0) break;
  }
  if (position < 0) return undefined;
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

function skipSpaceBackward(text: string, end: number): number {
  let position = end;
  while (position > 0 && /\s/.test(text[position - 1]!)) position--;
  return position;
}
