// A type as C spells it in a declaration without a name, the way gcc prints types:
// 'PyTypeObject *', 'char [1]', 'const char *', 'PyObject *(*)(PyObject *, PyObject *)'.
// The written TypeRef gives the names (typedefs are kept); the CType beside it gives array lengths.

import type { CType, Qualifiers, TypeRef } from '../types.js';

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
    case 'function': {
      const params = ref.params.map((param, index) => {
        const paramType = type.kind === 'function' ? type.params[index] : undefined;
        return paramType ? spell(param.type, paramType, '') : '?';
      });
      if (ref.variadic) params.push('...');
      const list = params.length > 0 ? params.join(', ') : 'void';
      return spell(ref.returns, type.kind === 'function' ? type.returns : type, `${inner}(${list})`);
    }
  }
}

function withInner(base: string, inner: string): string {
  return inner ? `${base} ${inner}` : base;
}

function qualifierPrefix(qualifiers: Qualifiers | undefined): string {
  if (!qualifiers) return '';
  return `${qualifiers.const ? 'const ' : ''}${qualifiers.volatile ? 'volatile ' : ''}`;
}
