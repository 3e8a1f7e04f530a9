// Building CType values from the target's data.

import type { BuiltinTypeName, CType, IntegerKind, SystemType, Target } from '../types.js';
import type { TypeInfo } from '../cexpr/index.js';
import { bitsPerByte } from './layout.js';

const floatingNames = new Set<BuiltinTypeName>(['float', 'double', 'long double', 'float _Complex', 'double _Complex', 'long double _Complex']);

export function builtinType(name: BuiltinTypeName, target: Target): CType {
  if (name === 'void') return { kind: 'void' };
  const { size, align } = target.builtins[name];
  if (floatingNames.has(name)) return { kind: 'float', name, size, align };
  const signed = name === 'char' ? target.charSigned : !name.startsWith('unsigned') && name !== '_Bool';
  return { kind: 'integer', name: name as IntegerKind, size, align, signed };
}

export function pointerType(to: CType, target: Target): CType {
  return { kind: 'pointer', to, size: target.pointer.size, align: target.pointer.align };
}

export function arrayType(of: CType, length: number | 'flexible'): CType {
  const size = length === 'flexible' ? 0 : length * sizeOf(of);
  return { kind: 'array', of, length, size, align: alignOf(of) };
}

export function systemType(name: string, system: SystemType, target: Target): CType {
  switch (system.kind) {
    case 'alias':
      return builtinType(system.of, target);
    case 'opaque':
      return { kind: 'opaque', name, size: 0, align: 1 };
    case 'blob':
      return { kind: 'blob', name, size: system.size, align: system.align };
  }
}

/** The alignment of the target's integer types by their width in bits (gcc's integer modes). */
export function integerAlignByBits(target: Target): Map<number, number> {
  const aligns = new Map<number, number>();
  for (const name of Object.keys(target.builtins) as BuiltinTypeName[]) {
    const type = builtinType(name, target);
    if (type.kind !== 'integer' || name === '_Bool') continue;
    const bits = type.size * bitsPerByte;
    if (!aligns.has(bits)) aligns.set(bits, type.align);
  }
  return aligns;
}

/** sizeof: void counts 1, as gcc's extension has it. */
export function sizeOf(type: CType): number {
  return type.kind === 'void' ? 1 : type.size;
}

export function alignOf(type: CType): number {
  return type.kind === 'void' ? 1 : type.align;
}

/** The same type with another alignment (a typedef with aligned(N)). */
export function realigned(type: CType, align: number): CType {
  return type.kind === 'void' || type.kind === 'function' || type.kind === 'opaque' ? type : { ...type, align };
}

export function typeInfo(type: CType): TypeInfo {
  // An incomplete enum is no integer type yet: a cast to it is an error, as in gcc.
  const integer = type.kind === 'integer' || (type.kind === 'enum' && type.complete);
  const info: TypeInfo = {
    size: sizeOf(type),
    align: alignOf(type),
    integer,
    signed: integer && type.signed,
    pointer: type.kind === 'pointer',
  };
  if (type.kind === 'integer' && type.name === '_Bool') info.boolean = true;
  if (type.kind === 'float') info.floating = true;
  return info;
}
