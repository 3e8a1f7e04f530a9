// resolve: declarations → sizes, alignments, offsets and bit-field placement for a target.
// INTERFACE ONLY — to be implemented.
import type { Declarations, Resolved, Target } from '../types.js';
import type { TypeInfo } from '../cexpr/index.js';

export function resolve(decls: Declarations, target: Target): Resolved {
  void decls;
  void target;
  return { records: [], enumConstants: [], typedefs: new Map(), objects: [], diagnostics: [] };
}

/** Describe a type name spelled by tokens ('unsigned long', 'Py_ssize_t', 'PyObject *', 'struct _ts'), or undefined when the tokens do not spell a type. */
export function typeInfoFromTokens(resolved: Resolved, target: Target, tokens: readonly string[]): TypeInfo | undefined {
  void resolved;
  void target;
  void tokens;
  return undefined;
}

/** __builtin_offsetof(type, member.designator[2]) in bytes, or undefined. */
export function offsetOfMember(resolved: Resolved, target: Target, type: readonly string[], member: readonly string[]): number | undefined {
  void resolved;
  void target;
  void type;
  void member;
  return undefined;
}
