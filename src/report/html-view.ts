// layout.json → everything layout.html prints, decided here: table rows with holes, padding and
// cacheline markers, hex strings, search keys. The template only prints these strings (escaped).

import type { LayoutJson, LayoutStruct } from './layout-types.js';
import { cachelineSize, hexText, integerTypeSize, layoutRows, plural, type LayoutRow } from './rows.js';
import { cachelineText, gapSummary, pageHeading, signatureText, structHeading, type PageHeading } from './text.js';

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

export function layoutHtmlView(layout: LayoutJson): HtmlView {
  return {
    ...pageHeading(layout),
    includeDirs: layout.python.include_dirs,
    structs: layout.structs.map(htmlStruct),
    constants: layout.constants.map((c) => ({
      name: c.name,
      decimal: String(c.value),
      hex: hexText(c.value, integerTypeSize(c.type)),
      type: `${c.type}${c.kind === 'enum' ? ' (enum)' : ''}`,
      where: c.file === null ? '' : `${c.file}:${c.line}`,
      expansion: c.expansion,
      search: c.name.toLowerCase(),
    })),
    functions: layout.functions.map((f) => ({ name: f.name, text: signatureText(f), where: `${f.file}:${f.line}`, search: f.name.toLowerCase() })),
    data: layout.data.map((d) => ({ name: d.name, text: d.type, where: `${d.file}:${d.line}`, search: d.name.toLowerCase() })),
  };
}

function htmlStruct(s: LayoutStruct): HtmlStruct {
  return {
    id: `s-${s.name}`,
    name: s.name,
    heading: structHeading(s),
    aliases: s.aliases.join(', '),
    where: `${s.file}:${s.line}`,
    summary: `size ${s.size}, align ${s.align}, ${plural(Math.ceil(s.size / cachelineSize), 'cacheline')}, ${gapSummary(s)}`,
    search: searchKey(s),
    rows: layoutRows(s).map(htmlRow),
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
