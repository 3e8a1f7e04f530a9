// The integer type gcc gives an enum: unsigned int when no value is negative, int otherwise, and
// the next wider type when the values need more bits; with `packed`, the narrowest that fits.

import type { IntegerKind, Target } from '../types.js';

/** Signed and unsigned pairs, narrowest first. */
const integerRanks: [IntegerKind, IntegerKind][] = [
  ['signed char', 'unsigned char'],
  ['short', 'unsigned short'],
  ['int', 'unsigned int'],
  ['long', 'unsigned long'],
  ['long long', 'unsigned long long'],
];

export interface EnumType {
  name: IntegerKind;
  size: number;
  align: number;
  signed: boolean;
}

export function enumUnderlyingType(values: readonly bigint[], packed: boolean, target: Target): EnumType | undefined {
  let min = 0n;
  let max = 0n;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const signed = min < 0n;
  const precision = signed ? Math.max(bitLength(max) + 1, bitLength(-min - 1n) + 1) : Math.max(bitLength(max), 1);
  const narrowest = packed ? 0 : integerRanks.findIndex(([name]) => name === 'int');
  for (const [signedName, unsignedName] of integerRanks.slice(narrowest)) {
    const name = signed ? signedName : unsignedName;
    const { size, align } = target.builtins[name];
    if (size * 8 >= precision) return { name, size, align, signed };
  }
  return undefined;
}

function bitLength(value: bigint): number {
  return value <= 0n ? 0 : value.toString(2).length;
}
