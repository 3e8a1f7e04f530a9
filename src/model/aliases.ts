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
  // Indices rather than slices: a body of thousands of parentheses must not cost quadratic time.
  let start = 0;
  let end = tokens.length;
  while (end - start >= 3 && tokens[start] === '(' && tokens[end - 1] === ')') {
    start++;
    end--;
  }
  return end - start === 1 && /^[A-Za-z_]\w*$/.test(tokens[start]!) ? tokens[start] : undefined;
}
