// The C base types spelled with keywords, in any order C allows: 'unsigned long int',
// 'long unsigned', 'signed char', 'long double', '__int128'.

import type { BuiltinTypeName } from '../types.js';

/** Every word that can spell part of a base type. */
export const builtinTypeWords = new Set([
  'signed', 'unsigned', 'short', 'long', 'int', 'char', 'float', 'double', 'void', '_Bool', '__int128', '__int128_t', '__uint128_t',
]);

/** The canonical name of the base type `words` spell, or undefined when they spell none. */
export function builtinFromWords(words: readonly string[]): BuiltinTypeName | undefined {
  let signedness: 'signed' | 'unsigned' | undefined;
  let longs = 0;
  let short = false;
  let core: string | undefined;
  for (const word of words) {
    if (word === 'signed' || word === 'unsigned') signedness = word;
    else if (word === 'long') longs++;
    else if (word === 'short') short = true;
    else if (core === undefined) core = word;
    else return undefined;
  }
  const unsigned = signedness === 'unsigned';
  const plain = signedness === undefined && longs === 0 && !short;
  switch (core) {
    case 'void':
    case 'float':
    case '_Bool':
      return plain ? core : undefined;
    case 'double':
      if (signedness || short || longs > 1) return undefined;
      return longs === 1 ? 'long double' : 'double';
    case 'char':
      if (longs || short) return undefined;
      return signedness === undefined ? 'char' : unsigned ? 'unsigned char' : 'signed char';
    case '__int128':
      return longs || short ? undefined : unsigned ? 'unsigned __int128' : '__int128';
    case '__int128_t':
      return plain ? '__int128' : undefined;
    case '__uint128_t':
      return plain ? 'unsigned __int128' : undefined;
    case 'int':
    case undefined:
      if (core === undefined && plain) return undefined;
      if (short) return longs ? undefined : unsigned ? 'unsigned short' : 'short';
      if (longs === 0) return unsigned ? 'unsigned int' : 'int';
      if (longs === 1) return unsigned ? 'unsigned long' : 'long';
      if (longs === 2) return unsigned ? 'unsigned long long' : 'long long';
      return undefined;
    default:
      return undefined;
  }
}
