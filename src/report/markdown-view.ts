// layout.json → the cells of layout.md, already escaped for GitHub-flavoured Markdown tables, so
// the template prints them as they are.

import type { LayoutJson, LayoutStruct } from './layout-types.js';
import { hexText, integerTypeSize, layoutRows, plural, type LayoutRow } from './rows.js';
import { cachelineText, gapSummary, pageHeading, signatureText, structHeading, type PageHeading } from './text.js';

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

export function layoutMarkdownView(layout: LayoutJson): MarkdownView {
  const heading = pageHeading(layout);
  return {
    ...heading,
    includeDirs: layout.python.include_dirs.map(code).join(', '),
    defines: code(heading.python.defines),
    structs: layout.structs.map(markdownStruct),
    constants: layout.constants.map((c) =>
      tableLine([code(c.name), String(c.value), code(hexText(c.value, integerTypeSize(c.type))), `${c.type}${c.kind === 'enum' ? ' (enum)' : ''}`, c.file === null ? '' : code(`${c.file}:${c.line}`), code(c.expansion)]),
    ),
    functions: layout.functions.map((f) => tableLine([code(f.name), code(signatureText(f)), code(`${f.file}:${f.line}`)])),
    data: layout.data.map((d) => tableLine([code(d.name), code(d.type), code(`${d.file}:${d.line}`)])),
  };
}

function markdownStruct(s: LayoutStruct) {
  return {
    name: s.name,
    anchor: s.name.toLowerCase(),
    heading: structHeading(s),
    size: s.size,
    summary: `size ${s.size}, align ${s.align}, ${gapSummary(s)}`,
    where: code(`${s.file}:${s.line}`),
    aliases: s.aliases.length === 0 ? '' : `; also named ${s.aliases.map(code).join(', ')}`,
    rows: layoutRows(s).map(markdownRow),
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
    case 'field': {
      const f = row.field;
      const notes = [row.bits, f.via ? `in ${f.via}` : '', f.from_macro ? `from ${code(f.from_macro)}` : ''].filter(Boolean);
      return tableLine([String(row.offset), String(row.size), code(f.type), code(f.name), notes.join('; ')]);
    }
  }
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
