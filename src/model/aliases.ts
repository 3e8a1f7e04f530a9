// Object-like macros that rename a declared function or object, e.g. under Py_TRACE_REFS
// `#define PyModule_Create2 PyModule_Create2TraceRefs`: C code that calls the first name calls
// the second, and so must assembly.

import type { AliasModel, ExternModel, MacroDefinition } from '../types.js';

export function buildAliases(macros: readonly MacroDefinition[], externs: readonly ExternModel[], isPythonHeader: (file: string) => boolean): AliasModel[] {
  const symbols = new Map(externs.map((e) => [e.name, e]));
  const out: AliasModel[] = [];
  for (const macro of macros) {
    if (macro.functionLike || macro.source !== 'header' || !macro.origin || !isPythonHeader(macro.origin.file)) continue;
    const target = soleIdentifier(macro.expansion ?? []);
    const symbol = target !== undefined ? symbols.get(target) : undefined;
    if (symbol && target !== macro.name) out.push({ name: macro.name, target: symbol.name, kind: symbol.kind, origin: macro.origin });
  }
  return out;
}

/** `X` or `( X )` → 'X'. */
function soleIdentifier(tokens: readonly string[]): string | undefined {
  let t = tokens;
  while (t.length >= 3 && t[0] === '(' && t[t.length - 1] === ')') t = t.slice(1, -1);
  return t.length === 1 && /^[A-Za-z_]\w*$/.test(t[0]!) ? t[0] : undefined;
}
