// The one-step reductions of an expression, for shrink.ts: a node replaced by one of its operands
// or by 0 or 1, a macro or a pair of parentheses dropped. Only reductions free of undefined
// behaviour are kept.

import type { Expr, Mode } from './expr-tree.js';
import { intmax, types } from './expr-tree.js';
import { children, isDefined } from './expr-generate.js';

/** Every node, preorder, each with a way to replace it inside a copy of the tree. */
function nodes(root: Expr): Expr[] {
  const out: Expr[] = [];
  const walk = (e: Expr) => {
    out.push(e);
    for (const child of children(e)) walk(child);
  };
  walk(root);
  return out;
}

/** Replaces, in `root` (mutated), the node at preorder index `index`; returns the new root. */
function replaceAt(root: Expr, index: number, make: (old: Expr) => Expr): Expr {
  let seen = 0;
  const visit = (e: Expr): Expr => {
    if (seen++ === index) return make(e);
    const record = e as unknown as Record<string, Expr>;
    for (const key of ['operand', 'left', 'right', 'condition', 'then', 'otherwise']) {
      if (record[key] !== undefined) record[key] = visit(record[key]!);
    }
    return e;
  };
  return visit(root);
}

export function exprWeight(e: Expr): number {
  return nodes(e).reduce((sum, n) => sum + 2 + (n.macro ? 1 : 0) + (n.parenthesized ? 1 : 0) + (n.kind === 'literal' && n.text.length > 1 ? 1 : 0), 0);
}

export function exprReductions(root: Expr, mode: Mode): Expr[] {
  const out: Expr[] = [];
  const small = (value: bigint): Expr => ({ kind: 'literal', text: String(value), value, type: mode === 'preprocessor' ? intmax : types.int });
  nodes(root).forEach((node, index) => {
    const makers: ((old: Expr) => Expr)[] = [];
    children(node).forEach((_, c) => makers.push((old) => children(old)[c]!));
    if (!(node.kind === 'literal' && (node.value === 0n || node.value === 1n) && node.text.length === 1)) makers.push(() => small(0n), () => small(1n));
    if (node.macro) makers.push((old) => ({ ...old, macro: undefined }));
    if (node.parenthesized) makers.push((old) => ({ ...old, parenthesized: false }));
    for (const make of makers) {
      const candidate = replaceAt(structuredClone(root), index, make);
      if (isDefined(candidate, mode)) out.push(candidate);
    }
  });
  return out;
}
