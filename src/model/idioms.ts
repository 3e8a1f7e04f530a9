// The NASM idioms an assembly module needs, derived from the headers of this very Python: the
// HEAD_INIT initializers are the headers' own macros laid onto the resolved records, and the
// singletons are the symbols their macros take the address of; reference counting follows the
// scheme the headers define (refcount.ts).

import type { Diagnostic, IdiomModel, RecordLayout } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { layInitializer, parseInitializer, type InitItem } from './initializer.js';
import { buildRefcountIdioms, flavourIdioms, type RefcountContext } from './refcount.js';

/** What refcount.ts needs (the macro table, expand, evaluate, …), and the resolved records. */
export interface IdiomContext extends RefcountContext {
  records: readonly RecordLayout[];
  recordByName(name: string): RecordLayout | undefined;
}

/** A placeholder identifier that stands for a NASM macro parameter while C macros expand. */
const PARAM = (i: number) => `__gen_inc_param_${i}__`;

const singletons = ['Py_None', 'Py_True', 'Py_False', 'Py_NotImplemented', 'Py_Ellipsis'];

export function buildIdioms(ctx: IdiomContext): { idioms: IdiomModel[]; diagnostics: Diagnostic[] } {
  const idioms: IdiomModel[] = [];
  const diagnostics: Diagnostic[] = [];
  idioms.push({ name: 'NULL', comment: 'the null pointer', lines: ['%define NULL 0'] });
  idioms.push(...flavourIdioms(ctx.macros));

  const headInits: [string, string, string[]][] = [
    ['PyObject_HEAD_INIT', 'PyObject', ['type']],
    ['PyVarObject_HEAD_INIT', 'PyVarObject', ['type', 'size']],
    ['PyModuleDef_HEAD_INIT', 'PyModuleDef_Base', []],
  ];
  for (const [macro, recordName, params] of headInits) {
    const idiom = headInitIdiom(ctx, macro, recordName, params);
    if ('lines' in idiom) idioms.push(idiom);
    else diagnostics.push(idiom);
  }

  if (ctx.recordByName('PyMethodDef')) {
    idioms.push({ name: 'NullMethodDef', comment: 'the PyMethodDef that ends a method table: all zero', lines: ['%define NullMethodDef times PyMethodDef_size db 0'] });
  }

  for (const name of singletons) {
    const symbol = addressTakenSymbol(ctx, name);
    if (symbol) idioms.push({ name, comment: `${name} is the address of ${symbol}`, lines: [`%define ${name} ${symbol}`] });
  }

  const refcount = buildRefcountIdioms(ctx);
  idioms.push(...refcount.idioms);
  diagnostics.push(...refcount.diagnostics);
  return { idioms, diagnostics };
}

/** `#define Py_None (&_Py_NoneStruct)` → '_Py_NoneStruct'. */
function addressTakenSymbol(ctx: IdiomContext, name: string): string | undefined {
  if (!ctx.macros.has(name)) return undefined;
  const tokens = ctx.expand(name);
  const amp = tokens.indexOf('&');
  const symbol = amp >= 0 ? tokens[amp + 1] : undefined;
  return symbol && /^[A-Za-z_]\w*$/.test(symbol) ? symbol : undefined;
}

function headInitIdiom(ctx: IdiomContext, macro: string, recordName: string, params: string[]): IdiomModel | Diagnostic {
  const definition = ctx.macros.get(macro);
  const record = ctx.recordByName(recordName);
  if (!definition || !record) return diagnostic('GI5001', [macro, `the headers define no ${definition ? recordName : macro}`], definition?.origin, 'warning');
  const invocation = params.length > 0 ? `${macro}(${params.map((_, i) => PARAM(i + 1)).join(', ')})` : macro;
  // A HEAD_INIT expands to an initializer followed by a comma; take the braces.
  const tokens = trimTrailingComma(ctx.expand(invocation));
  const tree = parseInitializer(tokens);
  if (!tree) return diagnostic('GI5001', [macro, `its expansion is not a brace initializer: ${tokens.join(' ')}`], definition.origin, 'warning');
  const items: { offset: number; size: number; value: string }[] = [];
  for (const item of layInitializer(tree, record, ctx.records)) {
    const value = itemValue(ctx, item, params.length);
    if (value === undefined) return diagnostic('GI5001', [macro, `cannot evaluate ${item.tokens.join(' ')}`], definition.origin, 'warning');
    items.push({ offset: item.offset, size: item.size, value });
  }
  const comment = `${recordName} as the headers' ${macro}${params.length ? `(${params.join(', ')})` : ''} initializes it (${record.size} bytes)`;
  const data = dataLines(items, record.size);
  if (params.length === 0) {
    return { name: macro, comment, lines: [`%define ${macro} ${singleLine(items, record.size)}`] };
  }
  return { name: macro, comment, lines: [`%macro ${macro} ${params.length}`, ...data.map((l) => `    ${l}`), '%endmacro'] };
}

function trimTrailingComma(tokens: string[]): string[] {
  return tokens.length > 0 && tokens[tokens.length - 1] === ',' ? tokens.slice(0, -1) : tokens;
}

/** A NASM operand for one initialized scalar: a macro parameter, or an evaluated constant. */
function itemValue(ctx: IdiomContext, item: InitItem, paramCount: number): string | undefined {
  for (let i = 1; i <= paramCount; i++) {
    if (item.tokens.includes(PARAM(i))) return `%${i}`;
  }
  const result = ctx.evaluate(stripPointerCasts(item.tokens));
  return result.ok ? String(result.value.value) : undefined;
}

/** `( ( void * ) 0 )` → `( 0 )`: a null pointer constant is the integer 0 in the data. */
function stripPointerCasts(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '(') {
      const close = tokens.indexOf(')', i);
      if (close > i + 1 && tokens[close - 1] === '*' && tokens.slice(i + 1, close).every((t) => /^\w+$|^\*$/.test(t))) {
        i = close;
        continue;
      }
    }
    out.push(tokens[i]!);
  }
  return out;
}

const directiveBySize: Record<number, string> = { 1: 'db', 2: 'dw', 4: 'dd', 8: 'dq' };

/** One directive per initialized scalar, with zero bytes for the gaps between them. */
function dataLines(items: { offset: number; size: number; value: string }[], size: number): string[] {
  const lines: string[] = [];
  let cursor = 0;
  for (const item of [...items].sort((a, b) => a.offset - b.offset)) {
    if (item.offset > cursor) lines.push(`times ${item.offset - cursor} db 0`);
    lines.push(`${directiveBySize[item.size] ?? 'db'} ${item.value}`);
    cursor = item.offset + item.size;
  }
  if (size > cursor) lines.push(`times ${size - cursor} db 0`);
  return lines;
}

/** The whole initializer as one directive: `dq` when it is all quadwords, else bytes. */
function singleLine(items: { offset: number; size: number; value: string }[], size: number): string {
  const quads = new Map(items.map((i) => [i.offset, i]));
  const allQuads = size % 8 === 0 && items.every((i) => i.size === 8 && i.offset % 8 === 0);
  if (allQuads) {
    const values: string[] = [];
    for (let offset = 0; offset < size; offset += 8) values.push(quads.get(offset)?.value ?? '0');
    return `dq ${values.join(', ')}`;
  }
  const bytes = new Array<bigint>(size).fill(0n);
  for (const item of items) {
    let v = BigInt.asUintN(item.size * 8, BigInt(item.value));
    for (let b = 0; b < item.size; b++, v >>= 8n) bytes[item.offset + b] = v & 0xffn;
  }
  return `db ${bytes.join(', ')}`;
}
