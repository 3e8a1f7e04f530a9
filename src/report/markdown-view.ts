// The layout's page (layout-page.ts) → the cells of layout.md, already escaped for
// GitHub-flavoured Markdown tables, so the template prints them as they are.

import type { LayoutPage, PageStruct, PageSymbol } from './layout-page.js';
import { plural, type LayoutRow } from './rows.js';
import { cachelineText, type PageHeading } from './text.js';

export interface MarkdownView extends PageHeading {
  /** code spans */
  includeDirs: string;
  defines: string;
  structs: { name: string; anchor: string; heading: string; size: number; summary: string; where: string; aliases: string; rows: string[] }[];
  /** whole table lines */
  constants: string[];
  functions: string[];
  data: string[];
}

export function layoutMarkdownView(page: LayoutPage): MarkdownView {
  return {
    ...page.heading,
    includeDirs: page.includeDirs.map(code).join(', '),
    defines: code(page.heading.python.defines),
    structs: page.structs.map(markdownStruct),
    constants: page.constants.map((c) => tableLine([code(c.constant.name), c.decimal, code(c.hex), c.type, code(c.where), code(c.constant.expansion)])),
    functions: page.functions.map(symbolLine),
    data: page.data.map(symbolLine),
  };
}

function symbolLine(symbol: PageSymbol): string {
  return tableLine([code(symbol.name), code(symbol.text), code(symbol.where)]);
}

function markdownStruct(page: PageStruct) {
  const s = page.struct;
  return {
    name: s.name,
    anchor: s.name.toLowerCase(),
    heading: page.heading,
    size: s.size,
    summary: `size ${s.size}, align ${s.align}, ${page.gaps}`,
    where: code(page.where),
    aliases: s.aliases.length === 0 ? '' : `; also named ${s.aliases.map(code).join(', ')}`,
    rows: page.rows.map(markdownRow),
  };
}

function markdownRow(row: LayoutRow): string {
  switch (row.kind) {
    case 'cacheline':
      return tableLine(['', '', '', `*${cachelineText(row.line, row.offset, row.ago)}*`, '']);
    case 'hole':
      return tableLine([String(row.offset), String(row.size), '', `**hole: ${plural(row.size, 'byte')}**`, '']);
    case 'padding':
      return tableLine([String(row.offset), String(row.size), '', `**tail padding: ${plural(row.size, 'byte')}**`, '']);
    case 'field':
      return tableLine([String(row.offset), String(row.size), code(row.field.type), code(row.field.name), fieldNotes(row)]);
  }
}

/** 'bits 2..4; in (anonymous union); from `PyObject_HEAD`', or '' for most fields. */
function fieldNotes(row: LayoutRow & { kind: 'field' }): string {
  const f = row.field;
  let notes = row.bits;
  if (f.via) notes = notes ? `${notes}; in ${f.via}` : `in ${f.via}`;
  if (f.from_macro) notes = notes ? `${notes}; from ${code(f.from_macro)}` : `from ${code(f.from_macro)}`;
  return notes;
}

function tableLine(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A code span that survives a table cell: pipes escaped, backticks fenced by longer runs. */
function code(text: string): string {
  if (text === '') return '';
  if (!/[|`]/.test(text)) return `\`${text}\``;
  const escaped = text.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(escaped.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = longestRun > 0 ? ' ' : '';
  return `${fence}${pad}${escaped}${pad}${fence}`;
}
