// Short phrases the HTML and Markdown views both print.

import type { LayoutDefine, LayoutFunction, LayoutJson, LayoutStruct } from './layout-types.js';
import { plural } from './rows.js';

/** What the top of a page says: which Python, from what, and how much of each there is. */
export interface PageHeading {
  title: string;
  generator: string;
  python: { version: string; hexversion: string; target: string; defines: string };
  counts: { structs: number; constants: number; functions: number; data: number };
  /** '7 structs and unions, 5 constants, 2 functions, 1 data symbol' */
  countsText: string;
}

export function pageHeading(layout: LayoutJson): PageHeading {
  const p = layout.python;
  return {
    title: `CPython ${p.version} layout (${p.target})`,
    generator: `${layout.generator.name} ${layout.generator.version}`.trim(),
    python: { version: p.version, hexversion: `0x${p.hexversion.toString(16).padStart(8, '0')}`, target: p.target, defines: definesText(p.defines) },
    counts: { structs: layout.structs.length, constants: layout.constants.length, functions: layout.functions.length, data: layout.data.length },
    countsText: [
      plural(layout.structs.length, 'struct or union', 'structs and unions'),
      plural(layout.constants.length, 'constant'),
      plural(layout.functions.length, 'function'),
      plural(layout.data.length, 'data symbol'),
    ].join(', '),
  };
}

/** '-D Py_TRACE_REFS=1 -U NDEBUG', or 'none'. */
export function definesText(defines: readonly LayoutDefine[]): string {
  if (defines.length === 0) return 'none';
  return defines.map((d) => (d.kind === 'define' ? `-D ${d.name}=${d.value}` : `-U ${d.name}`)).join(' ');
}

/** 'struct _typeobject', or 'struct (untagged)' for a record known only by a typedef. */
export function structHeading(s: LayoutStruct): string {
  return `${s.kind} ${s.tag ?? '(untagged)'}`;
}

/** '1 hole (4 bytes), 4 bytes of tail padding' or 'no holes, no tail padding'. */
export function gapSummary(s: LayoutStruct): string {
  const holeBytes = s.holes.reduce((sum, h) => sum + h.size, 0);
  const holes = s.holes.length === 0 ? 'no holes' : `${plural(s.holes.length, 'hole')} (${plural(holeBytes, 'byte')})`;
  const padding = s.tail_padding === 0 ? 'no tail padding' : `${plural(s.tail_padding, 'byte')} of tail padding`;
  return `${holes}, ${padding}`;
}

/** 'PyObject *PyLong_FromLong(long)' */
export function signatureText(f: LayoutFunction): string {
  const params = f.params.map((p) => p.type);
  if (f.variadic) params.push('...');
  const separator = f.returns.endsWith('*') ? '' : ' ';
  return `${f.returns}${separator}${f.name}(${params.length > 0 ? params.join(', ') : 'void'})`;
}

export function cachelineText(line: number, offset: number, ago: number): string {
  return `--- cacheline ${line} boundary (${offset} bytes)${ago > 0 ? ` was ${plural(ago, 'byte')} ago` : ''} ---`;
}
