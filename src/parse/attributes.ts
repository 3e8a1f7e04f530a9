// GNU attributes: the few that change layout (packed, aligned) or linkage (visibility) are read;
// every other attribute (deprecated, noreturn, format, …) is accepted and ignored.

import type { ConstExpr, LayoutAttributes, Origin } from '../types.js';
import { tokenizeExpression } from '../cexpr/index.js';
import type { PieceReader } from './piece-reader.js';
import type { Syntax } from './syntax.js';

export interface AttributeSet extends LayoutAttributes {
  /** visibility("default"): what PyAPI_FUNC and PyAPI_DATA expand to */
  exported?: boolean;
}

/** Most attributes are none of these; their text need not be taken apart. */
const interesting = /packed|aligned|visibility/;

/** `__attribute__((a, b(c)))` → its entries folded into `into`. */
export function readAttributeSpecifier(node: Syntax, ctx: PieceReader, into: AttributeSet): void {
  readAttributeText(ctx.textOf(node), ctx.origin(node), into);
}

/** One or more `__attribute__((…))` given as text. */
export function readAttributeText(text: string, origin: Origin, into: AttributeSet): void {
  if (!interesting.test(text)) return;
  const tokens = tokenizeExpression(text);
  // __attribute__ ( ( entry , entry ) ) …
  for (let keyword = 0; keyword < tokens.length; ) {
    const end = closingParenthesis(tokens, keyword + 1);
    for (let index = keyword + 3; index < end - 1; ) {
      const name = attributeName(tokens[index]!);
      index++;
      let args: string[][] | undefined;
      if (tokens[index] === '(') {
        const close = closingParenthesis(tokens, index);
        args = splitArguments(tokens.slice(index + 1, close));
        index = close + 1;
      }
      applyAttribute(name, args, origin, into);
      if (tokens[index] === ',') index++;
    }
    keyword = end + 1;
  }
}

/** `_Alignas(8)` or `_Alignas(double)`: a type qualifier holding an alignas_qualifier. */
export function readAlignas(node: Syntax, ctx: PieceReader, into: AttributeSet): void {
  const operand = node.children[0];
  if (!operand) return;
  const tokens = tokenizeExpression(ctx.textOf(operand));
  const origin = ctx.origin(operand);
  requestAlignment(into, operand.type === 'type_descriptor' ? { tokens: ['_Alignof', '(', ...tokens, ')'], origin } : { tokens, origin });
}

/** One more aligned(N) or _Alignas; the earlier ones are kept (in a new array: sets are copied shallowly). */
function requestAlignment(into: AttributeSet, request: ConstExpr | 'max'): void {
  if (into.aligned !== undefined) into.earlierAligned = [...(into.earlierAligned ?? []), into.aligned];
  into.aligned = request;
}

/** `from`'s attributes added to `into`, as if written after it. */
export function addAttributes(into: AttributeSet, from: AttributeSet): void {
  if (from.packed) into.packed = true;
  if (from.exported) into.exported = true;
  for (const request of from.earlierAligned ?? []) requestAlignment(into, request);
  if (from.aligned !== undefined) requestAlignment(into, from.aligned);
}

export function constExpr(node: Syntax, ctx: PieceReader): ConstExpr {
  return { tokens: tokenizeExpression(ctx.textOf(node)), origin: ctx.origin(node) };
}

export function layoutAttributes(set: AttributeSet): LayoutAttributes {
  const layout: LayoutAttributes = {};
  if (set.packed) layout.packed = true;
  if (set.aligned !== undefined) layout.aligned = set.aligned;
  if (set.earlierAligned !== undefined) layout.earlierAligned = set.earlierAligned;
  return layout;
}

/** `__packed__` and `packed` are the same attribute. */
function attributeName(text: string): string {
  return text.length > 4 && text.startsWith('__') && text.endsWith('__') ? text.slice(2, -2) : text;
}

function closingParenthesis(tokens: string[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    if (tokens[index] === '(') depth++;
    else if (tokens[index] === ')' && --depth === 0) return index;
  }
  return tokens.length;
}

function splitArguments(tokens: string[]): string[][] {
  const args: string[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token === '(') depth++;
    else if (token === ')') depth--;
    if (token === ',' && depth === 0) args.push([]);
    else args[args.length - 1]!.push(token);
  }
  return args[0]!.length === 0 && args.length === 1 ? [] : args;
}

function applyAttribute(name: string, args: string[][] | undefined, origin: Origin, into: AttributeSet): void {
  switch (name) {
    case 'packed':
      into.packed = true;
      break;
    case 'aligned':
      requestAlignment(into, args && args.length > 0 ? { tokens: args[0]!, origin } : 'max');
      break;
    case 'visibility':
      if (args?.[0]?.[0] === '"default"') into.exported = true;
      break;
  }
}
