// Every fixture's layouts against gcc: sizes, alignments, offsets, bit positions found at run
// time, typedef sizes, enum values and enum types, all printed by a compiled probe.

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/index.js';
import { resolve } from '../src/resolve/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import { fixture, fixtureDir, preprocessedText } from './parse-input.js';
import { differences, layoutProbe, runProbe } from './resolve-probe.js';

const layoutFixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.h') && name !== 'declarations.h');

describe('layout of fixtures against gcc', () => {
  it.each(layoutFixtures)('%s', (name) => {
    const { path, pp } = fixture(name);
    const decls = parse(pp);
    const resolved = resolve(decls, x86_64LinuxGnu);
    expect([...decls.diagnostics, ...resolved.diagnostics]).toEqual([]);

    const probe = layoutProbe(decls, resolved, x86_64LinuxGnu, { isOwnFile: (file) => file === name });
    const gcc = runProbe(probe, `#include <stddef.h>\n#include "${path}"`);
    expect(differences(probe.expected, gcc)).toEqual([]);
    // the probe covered something of every kind the fixture has
    expect(probe.expected.size).toBeGreaterThan(3);
  });
});

/** A small header of rules the fixtures do not reach, probed with gcc like a fixture: the differences. */
function differencesFromGcc(text: string): string[] {
  const decls = parse(preprocessedText(text, 'case.h'));
  const resolved = resolve(decls, x86_64LinuxGnu);
  expect([...decls.diagnostics, ...resolved.diagnostics]).toEqual([]);
  const probe = layoutProbe(decls, resolved, x86_64LinuxGnu, { isOwnFile: () => true });
  return differences(probe.expected, runProbe(probe, text));
}

describe('bit-fields of an aligned typedef against gcc', () => {
  const typedefs = `
typedef long L32 __attribute__((aligned(32)));
typedef long L64 __attribute__((aligned(64)));
typedef int I8 __attribute__((aligned(8)));
typedef int I32 __attribute__((aligned(32)));
typedef int I1 __attribute__((aligned(1)));
typedef long L1 __attribute__((aligned(1)));
typedef short H1 __attribute__((aligned(1)));
typedef unsigned __int128 Q1 __attribute__((aligned(1)));
typedef char C8 __attribute__((aligned(8)));
typedef L1 L1to16 __attribute__((aligned(16)));
typedef I8 I8again;
enum small { small_value = 9 };
typedef enum small E8 __attribute__((aligned(8)));
typedef enum small E1 __attribute__((aligned(1)));
`;
  it.each([
    ['aligned beyond its size: at its next unit', ['struct s { char a; L32 x : 1; char b; };', 'struct t { char a; C8 x : 3; char b; };']],
    [
      'as wide as an integer type, at a multiple of its alignment: there, as a member of that type',
      ['struct s { int a; I8 x : 8; char b; };', 'struct t { char a; L32 x : 8; char b; };', 'struct u { short a; I8 x : 16; char b; };'],
    ],
    ['as wide as an integer type, elsewhere: by the typedef', ['struct s { char a; I8 x : 16; char b; };', 'struct t { char a; L1 x : 32; char b; };']],
    [
      'aligned below its type, as wide as an integer type: the record aligned as that type',
      ['struct s { char a[8]; L1 x : 64; };', 'struct t { char a[2]; I1 x : 16; };', 'struct u { char a; H1 x : 8; char b; };'],
    ],
    [
      'in unions',
      ['union s { I1 x : 16; };', 'union t { L1 x : 32; };', 'union u { L1 x : 24; };', 'union v { Q1 x : 128; };', 'union w { I1 : 16; char c; };', 'union y { E1 x : 16; };'],
    ],
    [
      'aligned beyond BIGGEST_ALIGNMENT: a unit past the last 16 bytes',
      [
        'struct s { char a[17]; L32 x : 1; char b; };',
        'struct t { char a[16]; I32 x : 1; char b; };',
        'struct u { char a[49]; L64 x : 1; char b; };',
        'struct v { char a[17]; I32 : 1; char b; };',
        'struct w { char a[15]; L32 x : 7 __attribute__((aligned(8))); char b; };',
      ],
    ],
    [
      'aligned beyond BIGGEST_ALIGNMENT, in an aligned record',
      [
        'struct s { char a[17]; L32 x : 1; char b; } __attribute__((aligned(32)));',
        'struct __attribute__((aligned(64))) t { char a[17]; L32 x : 1; char b; };',
        'struct u { char a[17]; L32 x : 1; char b; } __attribute__((aligned(8)));',
      ],
    ],
    [
      'packed record and packed member',
      [
        'struct __attribute__((packed)) s { char a; L32 x : 1; I8 y : 8; I1 z : 16; char b; };',
        'struct t { char a; L32 x : 8 __attribute__((packed)); char b; };',
        'struct __attribute__((packed)) u { char a; L32 : 0; char b; };',
      ],
    ],
    [
      'zero-width and unnamed',
      [
        'struct s { char a; L32 : 0; char b; };',
        'struct t { char a; I1 : 0; char b; };',
        'struct u { char a; L32 : 3; char b; };',
        'struct v { int a : 1; union { long long b : 1; }; I32 : 1; };',
      ],
    ],
    [
      'typedefs of typedefs and of enums',
      ['struct s { char a; L1to16 x : 1; char b; };', 'struct t { char a; I8again x : 8; char b; };', 'struct u { int a; E8 x : 8; };', 'struct v { char a; E8 x : 16; char b; };'],
    ],
    [
      'with aligned(N) on the member',
      [
        'struct s { char a; I8 x : 8 __attribute__((aligned(4))); char b; };',
        'struct t { char a; I8 x : 16 __attribute__((aligned(1))); char b; };',
        'struct u { char a; L32 x : 1 __attribute__((aligned(2))); };',
      ],
    ],
  ])('%s', (_, records) => {
    expect(differencesFromGcc(typedefs + records.join('\n'))).toEqual([]);
  });
});

describe('several alignment requests on one member against gcc', () => {
  it.each([
    ['_Alignas before a smaller aligned', ['struct s { char a; _Alignas(16) int m __attribute__((aligned(4))); };', 'struct t { char a; _Alignas(64) int m __attribute__((aligned(8))); char b; };']],
    ['aligned before a smaller _Alignas', ['struct s { char a; __attribute__((aligned(32))) _Alignas(1) char c; };', 'struct t { char a; _Alignas(2) short m __attribute__((aligned(16))); };']],
    ['two aligned attributes, in either order', ['struct s { char a; long x __attribute__((aligned(32), aligned(8))); };', 'struct t { char a; int x __attribute__((aligned(16))) __attribute__((aligned(4))); };', 'struct u { char a; int x __attribute__((aligned(4))) __attribute__((aligned(16))); };']],
    ['packed lowers neither', ['struct __attribute__((packed)) s { char a; _Alignas(4) int x __attribute__((aligned(2))); };', 'union __attribute__((packed)) u { _Alignas(4) int x __attribute__((aligned(2))); char c; };', 'struct t { char a; int x __attribute__((packed, aligned(2))) __attribute__((aligned(8))); };']],
    ['a record and a typedef take their last aligned', ['struct __attribute__((aligned(32))) __attribute__((aligned(8))) r { char a; };', 'typedef int T __attribute__((aligned(16))) __attribute__((aligned(4)));', 'struct s { char a; T t; };']],
    ['per declarator', ['struct s { char a; _Alignas(8) int x __attribute__((aligned(4))), y __attribute__((aligned(16))), z; };']],
  ])('%s', (_, records) => {
    expect(differencesFromGcc(records.join('\n'))).toEqual([]);
  });
});

describe('an enum never defined against gcc', () => {
  // `enum never` is named but its constants are never listed: an incomplete type (a GNU extension).
  const header = 'typedef enum never never_t;\n';

  it('lays out pointers to it as gcc does, and leaves its typedef unsized', () => {
    expect(differencesFromGcc(`${header}struct s { char c; never_t *p; enum never *q; short z; };`)).toEqual([]);
  });

  /** Whether gcc compiles the text, and whether resolve reads it without an error. */
  function verdicts(text: string): { gcc: boolean; resolve: boolean } {
    let gcc = true;
    try {
      execFileSync('gcc', ['-std=gnu11', '-fsyntax-only', '-x', 'c', '-'], { input: text, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch {
      gcc = false;
    }
    const decls = parse(preprocessedText(text, 'case.h'));
    const resolved = resolve(decls, x86_64LinuxGnu);
    const errors = [...decls.diagnostics, ...resolved.diagnostics].filter((d) => d.severity === 'error');
    return { gcc, resolve: errors.length === 0 };
  }

  it.each([
    ['a pointer member', 'struct t { never_t *p; };', true],
    ['a member', 'struct t { never_t x; };', false],
    ['an array member', 'struct t { enum never x[2]; };', false],
    ['sizeof', 'struct t { char a[sizeof(never_t)]; };', false],
    ['a cast', 'struct t { char a[(enum never)1]; };', false],
  ])('%s', (_, use, accepted) => {
    expect(verdicts(`${header}${use}`)).toEqual({ gcc: accepted, resolve: accepted });
  });
});
