// Object-like macros that rename a declared function or object, e.g. under Py_TRACE_REFS
// `#define PyModule_Create2 PyModule_Create2TraceRefs`: C code that calls the first name calls
// the second, and so must assembly.

import type { AliasModel, ExternModel, MacroDefinition, Origin } from '../types.js';

export function buildAliases(macros: readonly MacroDefinition[], externs: readonly ExternModel[], isPythonHeader: (file: string) => boolean): AliasModel[] {
  // Few macros are a lone name: index their targets and look the externs up there, not the reverse.
  const candidates: { name: string; origin: Origin; target: string }[] = [];
  const symbols = new Map<string, ExternModel | undefined>();
  for (const macro of macros) {
    if (macro.functionLike || macro.source !== 'header' || !macro.origin || !isPythonHeader(macro.origin.file)) continue;
    const target = soleIdentifier(macro.expansion ?? []);
    if (target === undefined || target === macro.name) continue;
    candidates.push({ name: macro.name, origin: macro.origin, target });
    symbols.set(target, undefined);
  }
  for (const extern of externs) if (symbols.has(extern.name)) symbols.set(extern.name, extern);
  const out: AliasModel[] = [];
  for (const { name, origin, target } of candidates) {
    const symbol = symbols.get(target);
    if (symbol) out.push({ name, target: symbol.name, kind: symbol.kind, origin });
  }
  return out;
}

/** `X` or `( X )` → 'X'. */
function soleIdentifier(tokens: readonly string[]): string | undefined {
  // Indices rather than slices: a body of thousands of parentheses must not cost quadratic time.
  let start = 0;
  let end = tokens.length;
  while (end - start >= 3 && tokens[start] === '(' && tokens[end - 1] === ')') {
    start++;
    end--;
  }
  return end - start === 1 && /^[A-Za-z_]\w*$/.test(tokens[start]!) ? tokens[start] : undefined;
}
