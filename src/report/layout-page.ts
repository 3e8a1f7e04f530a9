// What layout.html and layout.md both print, worked out once per layout: each struct's rows and
// phrases, each constant's hex and type, each symbol's declaration and `file:line`. The two views
// then only format these for their own markup.

import type { LayoutConstant, LayoutJson, LayoutStruct } from './layout-types.js';
import { hexText, integerTypeSize, layoutRows, type LayoutRow } from './rows.js';
import { gapSummary, pageHeading, signatureText, structHeading, type PageHeading } from './text.js';

export interface LayoutPage {
  heading: PageHeading;
  includeDirs: string[];
  structs: PageStruct[];
  constants: PageConstant[];
  functions: PageSymbol[];
  data: PageSymbol[];
}

export interface PageStruct {
  struct: LayoutStruct;
  /** 'struct _typeobject' */
  heading: string;
  where: string;
  /** '1 hole (4 bytes), no tail padding' */
  gaps: string;
  rows: LayoutRow[];
}

export interface PageConstant {
  constant: LayoutConstant;
  decimal: string;
  hex: string;
  /** 'int (enum)' for an enumerator */
  type: string;
  /** '' when the constant has no origin */
  where: string;
}

export interface PageSymbol {
  name: string;
  /** a function's declaration, a data symbol's type */
  text: string;
  where: string;
}

export function layoutPage(layout: LayoutJson): LayoutPage {
  return {
    heading: pageHeading(layout),
    includeDirs: layout.python.include_dirs,
    structs: layout.structs.map((s) => ({ struct: s, heading: structHeading(s), where: `${s.file}:${s.line}`, gaps: gapSummary(s), rows: layoutRows(s) })),
    constants: layout.constants.map((c) => ({
      constant: c,
      decimal: String(c.value),
      hex: hexText(c.value, integerTypeSize(c.type)),
      type: c.kind === 'enum' ? `${c.type} (enum)` : c.type,
      where: c.file === null ? '' : `${c.file}:${c.line}`,
    })),
    functions: layout.functions.map((f) => ({ name: f.name, text: signatureText(f), where: `${f.file}:${f.line}` })),
    data: layout.data.map((d) => ({ name: d.name, text: d.type, where: `${d.file}:${d.line}` })),
  };
}
