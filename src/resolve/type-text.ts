// A type as C spells it in a declaration without a name, the way gcc prints types:
// 'PyTypeObject *', 'char [1]', 'const char *', 'PyObject *(*)(PyObject *, PyObject *)'.
// The written TypeRef gives the names (typedefs are kept); the CType beside it gives array lengths.

import type { CType, Qualifiers, TypeRef } from '../types.js';

type FunctionRef = Extract<TypeRef, { kind: 'function' }>;

export function typeText(ref: TypeRef, type: CType): string {
  return spell(ref, type, '');
}

function spell(ref: TypeRef, type: CType, inner: string): string {
  switch (ref.kind) {
    case 'builtin':
    case 'typedef':
      return withInner(qualifierPrefix(ref.qualifiers) + ref.name, inner);
    case 'record':
      return withInner(`${qualifierPrefix(ref.qualifiers)}${ref.recordKind} ${ref.tag ?? '{...}'}`, inner);
    case 'enum':
      return withInner(`${qualifierPrefix(ref.qualifiers)}enum ${ref.tag ?? '{...}'}`, inner);
    case 'pointer': {
      const to = type.kind === 'pointer' ? type.to : type;
      const star = `*${ref.qualifiers ? ` ${qualifierPrefix(ref.qualifiers).trimEnd()}${inner ? ' ' : ''}` : ''}${inner}`;
      return spell(ref.to, to, ref.to.kind === 'array' || ref.to.kind === 'function' ? `(${star})` : star);
    }
    case 'array': {
      const length = type.kind === 'array' && type.length !== 'flexible' ? String(type.length) : '';
      return spell(ref.of, type.kind === 'array' ? type.of : type, `${inner}[${length}]`);
    }
    case 'function':
      return spellFunction(ref, type, parameterTexts(ref, type), inner);
  }
}

/**
 * A function's type with its return type and parameters each spelled apart, as a prototype lists
 * them; each part is spelled once.
 */
export function functionTypeTexts(ref: FunctionRef, type: CType): { typeText: string; returns: string; params: string[] } {
  const params = parameterTexts(ref, type);
  const returns = spell(ref.returns, returnType(type), '');
  // Names and stars take a declarator as a plain suffix ('PyObject *' + '(void)'), so the usual
  // return type need not be spelled again around the parameter list.
  const typeText = isNamesAndStars(ref.returns)
    ? `${returns}${returns.endsWith('*') ? '' : ' '}(${parameterList(ref, params)})`
    : spellFunction(ref, type, params, '');
  return { typeText, returns, params };
}

function parameterTexts(ref: FunctionRef, type: CType): string[] {
  return ref.params.map((param, index) => {
    const paramType = type.kind === 'function' ? type.params[index] : undefined;
    return paramType ? spell(param.type, paramType, '') : '?';
  });
}

function parameterList(ref: FunctionRef, params: readonly string[]): string {
  const list = params.length > 0 ? params.join(', ') : 'void';
  if (!ref.variadic) return list;
  return params.length > 0 ? `${list}, ...` : '...';
}

function spellFunction(ref: FunctionRef, type: CType, params: readonly string[], inner: string): string {
  return spell(ref.returns, returnType(type), `${inner}(${parameterList(ref, params)})`);
}

function returnType(type: CType): CType {
  return type.kind === 'function' ? type.returns : type;
}

/** A type named and then pointed to, with no array or function declarator inside. */
function isNamesAndStars(ref: TypeRef): boolean {
  while (ref.kind === 'pointer') ref = ref.to;
  return ref.kind !== 'array' && ref.kind !== 'function';
}

function withInner(base: string, inner: string): string {
  return inner ? `${base} ${inner}` : base;
}

function qualifierPrefix(qualifiers: Qualifiers | undefined): string {
  if (!qualifiers) return '';
  return `${qualifiers.const ? 'const ' : ''}${qualifiers.volatile ? 'volatile ' : ''}`;
}
