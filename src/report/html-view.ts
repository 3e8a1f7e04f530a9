// The layout's page (layout-page.ts) → everything layout.html prints, decided here: table rows
// with holes, padding and cacheline markers, hex strings, search keys. The template only prints
// these strings (escaped).

import type { LayoutStruct } from './layout-types.js';
import type { LayoutPage, PageStruct, PageSymbol } from './layout-page.js';
import { cachelineSize, plural, type LayoutRow } from './rows.js';
import { cachelineText, type PageHeading } from './text.js';

export interface HtmlView extends PageHeading {
  includeDirs: string[];
  structs: HtmlStruct[];
  constants: HtmlConstant[];
  functions: HtmlSymbol[];
  data: HtmlSymbol[];
}

export interface HtmlStruct {
  id: string;
  name: string;
  heading: string;
  aliases: string;
  where: string;
  summary: string;
  search: string;
  rows: HtmlRow[];
}

/** `marker` rows are one wide cell (a cacheline boundary); the others fill every column. */
export interface HtmlRow {
  cls: string;
  marker: string;
  offset: string;
  offsetHex: string;
  size: string;
  type: string;
  name: string;
  notes: { cls: string; text: string }[];
}

export interface HtmlConstant {
  name: string;
  decimal: string;
  hex: string;
  type: string;
  where: string;
  expansion: string;
  search: string;
}

export interface HtmlSymbol {
  name: string;
  text: string;
  where: string;
  search: string;
}

export function layoutHtmlView(page: LayoutPage): HtmlView {
  return {
    ...page.heading,
    includeDirs: page.includeDirs,
    structs: page.structs.map(htmlStruct),
    constants: page.constants.map((c) => ({
      name: c.constant.name,
      decimal: c.decimal,
      hex: c.hex,
      type: c.type,
      where: c.where,
      expansion: c.constant.expansion,
      search: c.constant.name.toLowerCase(),
    })),
    functions: page.functions.map(htmlSymbol),
    data: page.data.map(htmlSymbol),
  };
}

function htmlSymbol(symbol: PageSymbol): HtmlSymbol {
  return { name: symbol.name, text: symbol.text, where: symbol.where, search: symbol.name.toLowerCase() };
}

function htmlStruct(page: PageStruct): HtmlStruct {
  const s = page.struct;
  return {
    id: `s-${s.name}`,
    name: s.name,
    heading: page.heading,
    aliases: s.aliases.join(', '),
    where: page.where,
    summary: `size ${s.size}, align ${s.align}, ${plural(Math.ceil(s.size / cachelineSize), 'cacheline')}, ${page.gaps}`,
    search: searchKey(s),
    rows: page.rows.map(htmlRow),
  };
}

/** The struct's names and its fields' names, for the page's search box. */
function searchKey(s: LayoutStruct): string {
  let key = s.name;
  for (const alias of s.aliases) key += ` ${alias}`;
  for (const field of s.fields) key += ` ${field.name}`;
  return key.toLowerCase();
}

/** Shared by the rows that have no notes, which are most of them. */
const noNotes: HtmlRow['notes'] = [];

function htmlRow(row: LayoutRow): HtmlRow {
  switch (row.kind) {
    case 'cacheline':
      return { cls: 'cacheline', marker: cachelineText(row.line, row.offset, row.ago), offset: '', offsetHex: '', size: '', type: '', name: '', notes: noNotes };
    case 'hole':
      return placedRow('hole', row.offset, row.size, '', `hole: ${plural(row.size, 'byte')}`, noNotes);
    case 'padding':
      return placedRow('padding', row.offset, row.size, '', `tail padding: ${plural(row.size, 'byte')}`, noNotes);
    case 'field': {
      const f = row.field;
      if (!row.bits && !f.via && !f.from_macro) return placedRow(fieldClass(row.depth), row.offset, row.size, f.type, f.name, noNotes);
      const notes: HtmlRow['notes'] = [];
      if (row.bits) notes.push({ cls: 'bits', text: row.bits });
      if (f.via) notes.push({ cls: 'via', text: `in ${f.via}` });
      if (f.from_macro) notes.push({ cls: 'macro', text: `from ${f.from_macro}` });
      return placedRow(fieldClass(row.depth), row.offset, row.size, f.type, f.name, notes);
    }
  }
}

/** The style sheet indents nested members up to four levels deep. */
function fieldClass(depth: number): string {
  return `field depth-${Math.min(depth, 4)}`;
}

/** A row that fills every column. */
function placedRow(cls: string, offset: number, size: number, type: string, name: string, notes: HtmlRow['notes']): HtmlRow {
  return { cls, marker: '', offset: String(offset), offsetHex: hex(offset), size: String(size), type, name, notes };
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
