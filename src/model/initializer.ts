// A C brace initializer laid onto a record: which bytes hold which value. Used to turn the
// headers' own PyObject_HEAD_INIT / PyModuleDef_HEAD_INIT into NASM data.

import type { RecordLayout } from '../types.js';

type InitNode = { kind: 'list'; items: InitNode[] } | { kind: 'expr'; tokens: string[] };

/** One scalar that the initializer sets. */
export interface InitItem {
  offset: number;
  size: number;
  tokens: string[];
}

/** Parse `{ a , { b } , c , }` (token texts) into a tree; undefined when it is not a brace list. */
export function parseInitializer(tokens: readonly string[]): InitNode | undefined {
  let pos = 0;
  const parseNode = (): InitNode => {
    if (tokens[pos] === '{') {
      pos++;
      const items: InitNode[] = [];
      while (pos < tokens.length && tokens[pos] !== '}') {
        items.push(parseNode());
        if (tokens[pos] === ',') pos++;
      }
      pos++;
      return { kind: 'list', items };
    }
    const start = pos;
    let depth = 0;
    while (pos < tokens.length) {
      const t = tokens[pos]!;
      if (depth === 0 && (t === ',' || t === '}')) break;
      if (t === '(' || t === '[' || t === '{') depth++;
      if (t === ')' || t === ']' || t === '}') depth--;
      pos++;
    }
    return { kind: 'expr', tokens: tokens.slice(start, pos) };
  };
  const node = parseNode();
  return node.kind === 'list' && pos >= tokens.length ? node : undefined;
}

/**
 * The scalars an initializer list sets in a record, following C's rules for braces and brace
 * elision (no designators: the headers' HEAD_INIT macros use none). Unset bytes are zero.
 */
export function layInitializer(list: InitNode, record: RecordLayout, records: readonly RecordLayout[]): InitItem[] {
  const out: InitItem[] = [];
  const items = list.kind === 'list' ? list.items : [list];
  const cursor = { index: 0 };
  fillRecord(record, 0, items, cursor, records, out);
  return out;
}

function fillRecord(record: RecordLayout, base: number, items: InitNode[], cursor: { index: number }, records: readonly RecordLayout[], out: InitItem[]): void {
  const fields = record.fields.filter((f) => !(f.name === undefined && f.bitWidth !== undefined));
  const targets = record.kind === 'union' ? fields.slice(0, 1) : fields;
  for (const field of targets) {
    if (cursor.index >= items.length) return;
    const node = items[cursor.index]!;
    const nested = field.type.kind === 'record' ? records[field.type.id] : undefined;
    if (nested) {
      if (node.kind === 'list') {
        cursor.index++;
        fillRecord(nested, base + field.offset, node.items, { index: 0 }, records, out);
      } else {
        fillRecord(nested, base + field.offset, items, cursor, records, out);
      }
      continue;
    }
    cursor.index++;
    const scalar = node.kind === 'list' ? firstExpr(node) : node;
    if (scalar) out.push({ offset: base + field.offset, size: field.size, tokens: scalar.tokens });
  }
}

function firstExpr(node: InitNode): { kind: 'expr'; tokens: string[] } | undefined {
  if (node.kind === 'expr') return node;
  return node.items[0] ? firstExpr(node.items[0]) : undefined;
}
