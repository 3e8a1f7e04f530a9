// resolve: declarations → sizes, alignments, offsets and bit-field placement for a target.
// Every complete record is laid out; typedefs, enums and file-scope objects get their types.

import type { CType, Declarations, Resolved, Target } from '../types.js';
import type { TypeInfo } from '../cexpr/index.js';
import { typeInfo } from './ctypes.js';
import { Resolver } from './resolver.js';
import { ResolvedObject } from './resolved-object.js';
import { ResolvedScope } from './resolved-scope.js';
import { offsetOfDesignator, typeFromTokens, type TypeScope } from './type-names.js';

/** The resolver behind each Resolved, so later questions about types reuse its work. */
const scopes = new WeakMap<Resolved, TypeScope>();

export function resolve(decls: Declarations, target: Target): Resolved {
  const resolver = new Resolver(decls, target);
  for (const record of decls.records) resolver.layoutRecord(record.id);
  for (const enumDecl of decls.enums) resolver.enumType(enumDecl.id);

  const typedefs = new Map<string, CType>();
  for (const typedef of decls.typedefs) {
    if (typedefs.has(typedef.name)) continue;
    const type = resolver.typeOf({ kind: 'typedef', name: typedef.name }, typedef.origin);
    typedefs.set(typedef.name, type);
    if (type.kind === 'record') resolver.layouts[type.id]!.typedefNames.push(typedef.name);
  }
  const objects = decls.objects.map((decl) => new ResolvedObject(decl, resolver.typeOf(decl.type, decl.origin)));

  const resolved: Resolved = {
    records: resolver.layouts,
    enumConstants: resolver.enumConstants(),
    typedefs,
    objects,
    diagnostics: resolver.diagnostics,
  };
  scopes.set(resolved, resolver);
  return resolved;
}

/** Describe a type name spelled by tokens ('unsigned long', 'Py_ssize_t', 'PyObject *', 'struct _ts'), or undefined when the tokens do not spell a type. */
export function typeInfoFromTokens(resolved: Resolved, target: Target, tokens: readonly string[]): TypeInfo | undefined {
  const type = typeFromTokens(tokens, scopeOf(resolved, target));
  return type ? typeInfo(type) : undefined;
}

/** __builtin_offsetof(type, member.designator[2]) in bytes, or undefined. */
export function offsetOfMember(resolved: Resolved, target: Target, type: readonly string[], member: readonly string[]): number | undefined {
  const scope = scopeOf(resolved, target);
  const record = typeFromTokens(type, scope);
  return record ? offsetOfDesignator(record, member, scope) : undefined;
}

function scopeOf(resolved: Resolved, target: Target): TypeScope {
  let scope = scopes.get(resolved);
  if (!scope) scopes.set(resolved, (scope = new ResolvedScope(resolved, target)));
  return scope;
}
