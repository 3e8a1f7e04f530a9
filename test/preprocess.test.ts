// The preprocessor on small inputs: table-driven cases worked out by hand or from the C standard,
// and the standard's examples of §6.10.3.5 also run through gcc -E -P, the oracle.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { preprocess } from '../src/preprocess/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import type { MacroOption, Preprocessed } from '../src/types.js';
import { cTokens, gcc } from './preprocess-gcc.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'preprocess');
const includeDirs = [fixtures, join(fixtures, 'more')];
let sources = 0;

/** Preprocesses `given` as the only entry header, with the fixtures on the include path. */
export function run(given: string, defines: MacroOption[] = []): Preprocessed & { main: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-pp-case-'));
  const main = join(dir, `main${sources++}.h`);
  writeFileSync(main, given);
  const install = { version: '', shortVersion: '', hexversion: 0, includeDirs: [dir, ...includeDirs], foundBy: 'test' };
  return { ...preprocess({ install, target: x86_64LinuxGnu, entryHeaders: [main.slice(dir.length + 1)], defines }), main };
}

const expanded = (given: string, defines?: MacroOption[]) => run(given, defines).text.trimEnd();

interface Case {
  given: string;
  want: string;
  defines?: MacroOption[];
  /** false when the case relies on the target's data (system macros, skipped system headers) rather than gcc's */
  gcc?: false;
}

const cases: [string, Case][] = [
  ['object-like macro', { given: '#define N 10\nint a[N];', want: 'int a [ 10 ] ;' }],
  ['function-like macro', { given: '#define SQ(x) ((x)*(x))\nSQ(a+1)', want: '( ( a + 1 ) * ( a + 1 ) )' }],
  ['function-like name without arguments', { given: '#define f(x) x\nint f;', want: 'int f ;' }],
  ['empty and missing arguments', { given: '#define f(a, b) [a|b]\n#define g() G\nf(,) f(1,) g()', want: '[ | ] [ 1 | ] G' }],
  ['parentheses and commas inside arguments', { given: '#define f(a, b) a; b\nf((1, 2), [3])', want: '( 1 , 2 ) ; [ 3 ]' }],
  ['# stringizes with normalized spaces', { given: '#define S(x) #x\nS(  a  +   "b\\n"  \'"\' )', want: '"a + \\"b\\\\n\\" \'\\"\'"' }],
  ['## pastes, empty operands vanish', { given: '#define CAT(a, b) a##b\nCAT(x, 1) CAT(, y) CAT(z,) CAT(,) CAT(<, <=)', want: 'x1 y z <<=' }],
  ['__VA_ARGS__', { given: '#define V(fmt, ...) f(fmt, __VA_ARGS__)\nV(1, 2, 3) V(1,)', want: 'f ( 1 , 2 , 3 ) f ( 1 , )' }],
  ['named variadic parameter', { given: '#define V(args...) f(args)\nV(1, 2)', want: 'f ( 1 , 2 )' }],
  ['GNU , ## __VA_ARGS__', { given: '#define G(fmt, ...) f(fmt, ## __VA_ARGS__)\nG(1) G(1, 2)', want: 'f ( 1 ) f ( 1 , 2 )' }],
  ['__VA_OPT__', { given: '#define O(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\nO(1) O(1, 2)', want: 'f ( 1 ) f ( 1 , 2 )' }],
  [
    'GNU , ## __VA_ARGS__ drops the comma only when the variadic argument is left out',
    {
      given: '#define G(fmt, ...) f(fmt, ## __VA_ARGS__)\n#define H(...) h(a, ## __VA_ARGS__)\n#define E\nG(1) G(1,) G(1, E) G() H() H(/**/) H(E) H(,)',
      want: 'f ( 1 ) f ( 1 , ) f ( 1 , ) f ( ) h ( a ) h ( a ) h ( a , ) h ( a , , )',
    },
  ],
  [
    '## before a variadic parameter pastes nothing onto a comma that ends the arguments before it',
    {
      given:
        '#define N(rest...) rest ## rest\n#define K(...) [__VA_ARGS__ ## __VA_ARGS__]\n#define M(x, ...) x ## __VA_ARGS__ ## x\n#define S(x, ...) [ , x ## __VA_ARGS__ ]\n' +
        'N(0, L, ) N(0,L) K(,) K(a,) M(1, 2, 3) S() S(,1) S(y)',
      want: '0 , L , 0 , L , 0 , L0 , L [ , , ] [ a , a , ] 12 , 31 [ , ] [ , 1 ] [ , y ]',
    },
  ],
  [
    '__VA_OPT__ looks at the variadic argument after macro expansion',
    {
      given: '#define E\n#define O(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\n#define P(...) [__VA_OPT__(x)]\nO(1, E) O(1, E E) O(1, E 2) P(E) P(P(E)) P()',
      want: 'f ( 1 ) f ( 1 ) f ( 1 , 2 ) [ ] [ x ] [ ]',
    },
  ],
  [
    'arguments are expanded up front in body order, even where __VA_OPT__ drops them',
    { given: '#define C __COUNTER__\n#define K(a, b, ...) __VA_OPT__(b) a b\nK(C, C) K(C, C, 1)', want: '1 0 2 3 2' },
  ],
  [
    'digraphs are punctuators, directives, # and ##',
    {
      given: [
        '%:define S(x) %:x',
        '%:  define C(a, b) a %:%: b',
        '#define P(a, b) a ## b',
        '<: :> <% %> %: %:%: <::> a<::b %:% %:%',
        'S(<:) S(%:%:) C(x, y) P(<, :) P(%, :) P(%:, %:) P(<, %) P(%, >) P(:, >)',
        '%:if 1',
        'in',
        '%:else',
        'out',
        '%:endif',
        '#if 0',
        '%:if 1',
        '%:else',
        '%:endif',
        '%:elif 1',
        'elif',
        '#endif',
        '%:%: z',
      ].join('\n'),
      want: '<: :> <% %> %: %:%: <: :> a <: : b %: % %: %\n"<:" "%:%:" xy <: %: %:%: <% %> :>\nin\nelif\n%:%: z',
    },
  ],
  ['self-reference is not expanded again', { given: '#define foo foo + 1\nfoo', want: 'foo + 1' }],
  ['indirect self-reference', { given: '#define x (4 + y)\n#define y (2 * x)\nx y', want: '( 4 + ( 2 * x ) ) ( 2 * ( 4 + y ) )' }],
  ['nested invocation', { given: '#define f(x) (x+1)\nf(f(2))', want: '( ( 2 + 1 ) + 1 )' }],
  [
    'arguments are expanded first, except next to ##',
    {
      given: '#define AFTERX(x) X_ ## x\n#define XAFTERX(x) AFTERX(x)\n#define TABLESIZE 1024\n#define BUFSIZE TABLESIZE\nAFTERX(BUFSIZE) XAFTERX(BUFSIZE)',
      want: 'X_BUFSIZE X_1024',
    },
  ],
  ['hide sets: HS(name) ∩ HS(")")', { given: '#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)', want: '2 * 9 * g' }],
  ['rescanning picks up arguments after the expansion', { given: '#define f(x) [x]\n#define g f\ng(1)', want: '[ 1 ]' }],
  [
    'conditionals',
    {
      given: '#if 1\na\n#elif 1\nb\n#else\nc\n#endif\n#if 0\nd\n#elif 2 > 1\ne\n#else\nf\n#endif\n#ifdef X\ng\n#else\nh\n#endif\n#ifndef X\ni\n#endif',
      want: 'a\ne\nh\ni',
    },
  ],
  ['nested skipped groups', { given: '#if 0\n#if 1\nno\n#else\nno\n#endif\n#elif 0\nno\n#else\nyes\n#endif', want: 'yes' }],
  ['defined', { given: '#define A\n#if defined A && defined(A) && !defined(B) && !defined B\nyes\n#endif', want: 'yes' }],
  ['defined produced by a macro', { given: '#define A 1\n#define HAS_A defined(A)\n#define HAS(x) defined(x)\n#if HAS_A && !HAS(B)\nyes\n#endif', want: 'yes' }],
  [
    '#if arithmetic on 64-bit integers',
    {
      given: '#if -1 > 0u\nunsigned\n#endif\n#if 0x7fffffffffffffff > 0 && (1 << 40) == 1099511627776\nbig\n#endif\n#if 10 / 3 == 3 && 10 % 3 == 1 && (0 ? 2 : 3) == 3 && (~0 & 0xff) == 255\nops\n#endif',
      want: 'unsigned\nbig\nops',
    },
  ],
  ['macros in #if; unknown identifiers are 0', { given: '#define V 3\n#define F(x) (x*2)\n#if F(V) == 6 && UNKNOWN == 0\nsix\n#endif', want: 'six' }],
  ['#undef', { given: '#define A 1\n#undef A\nA', want: 'A' }],
  ['#pragma push_macro and pop_macro', { given: '#define X 1\n#pragma push_macro("X")\n#undef X\n#define X 2\nX\n#pragma pop_macro("X")\nX', want: '2\n1' }],
  ['#elifdef and #elifndef', { given: '#define A\n#ifdef B\nb\n#elifdef A\na\n#endif\n#if 0\n#elifndef B\nnb\n#endif', want: 'a\nnb' }],
  ['-D and -U', { given: 'A B C', want: '1 two C', defines: [{ kind: 'define', name: 'A', value: '1' }, { kind: 'define', name: 'B', value: 'two' }, { kind: 'define', name: 'C', value: '3' }, { kind: 'undef', name: 'C' }] }],
  ['function-like -D', { given: 'F(2)', want: '( 2 + 1 )', defines: [{ kind: 'define', name: 'F(x)', value: '(x + 1)' }] }],
  ['target system macros', { given: 'INT_MAX offsetof(T, m)', want: '2147483647 __builtin_offsetof ( T , m )', gcc: false }],
  ['includes: guard, #pragma once, next to the includer first', { given: '#include "a.h"\n#include "a.h"\n#include "sub/b.h"\n#include <c.h>', want: 'int c_in_sub ;\nint b ;\nint a ;\nint c_top ;' }],
  ['#if !defined guard', { given: '#include <guarded.h>\n#include "guarded.h"', want: 'int guarded ;' }],
  ['#include_next', { given: '#include <next.h>', want: 'int second ;\nint first ;' }],
  ['#include of a macro', { given: '#define HEADER <c.h>\n#include HEADER', want: 'int c_top ;' }],
  ['system headers are skipped', { given: '#include <stdio.h>\n#include <sys/types.h>\nx', want: 'x', gcc: false }],
  [
    '__has_include',
    { given: '#if __has_include("a.h") && __has_include(<stdio.h>) && !__has_include(<nonexistent.h>) && defined(__has_include)\nyes\n#endif', want: 'yes' },
  ],
  [
    '__has_attribute, __has_c_attribute, __has_builtin as gcc 12',
    {
      given:
        '#if __has_attribute(packed) && __has_attribute(__visibility__) && __has_attribute(gnu::aligned) && !__has_attribute(bogus)\nattr\n#endif\n' +
        '#if __has_c_attribute(nodiscard) == 202003 && __has_attribute(deprecated) == 201904 && !__has_c_attribute(packed)\nc\n#endif\n' +
        '#define B(x) __has_builtin(x)\n#if B(__builtin_expect) && !B(__builtin_va_arg)\nbuiltin\n#endif\n' +
        '#if defined(__has_feature)\nclang\n#endif',
      want: 'attr\nc\nbuiltin',
    },
  ],
  [
    '__LINE__: the line of the outermost invocation, or its own in an argument',
    { given: 'a __LINE__\n#define L __LINE__\nL\n#define M(x) x\nM(\n__LINE__)\nM(__LINE__\n)\n#define N(x) __LINE__ x\nM(N(\n2))', want: 'a 1\n3\n6\n7\n10 2' },
  ],
  ['__COUNTER__', { given: '__COUNTER__ __COUNTER__', want: '0 1' }],
  ['_Pragma and #pragma are dropped', { given: '#pragma GCC diagnostic push\na _Pragma("GCC diagnostic push") b\n#define P _Pragma("x") c\nP', want: 'a b\nc' }],
  ['#line, #ident, #warning and null directives are accepted', { given: '#line 10\n#ident "x"\n#\n#warning careful\nz', want: 'z' }],
  ['a multi-line invocation stays on its first line', { given: '#define f(x, y) x + y\nf(1,\n2)\nw', want: '1 + 2\nw' }],
  ['tokens after a multi-line invocation go on their own line, as gcc -E puts them', { given: '#define f(x) [x]\nf(1\n) z\nf(2\n);', want: '[ 1 ]\nz\n[ 2 ]\n;' }],
  ['an empty expansion at the start of a line', { given: '#define E\nE int x;\n  E\ny', want: 'int x ;\ny' }],
  ['line splices and comments; gcc -E puts a token after a multi-line comment on its own line', { given: '#define M 1 + \\\n 2\nM /* a\n b */ c // d \\\n e\nf /* x */ g', want: '1 + 2\nc\nf g' }],
  ['digraph-free punctuators and numbers', { given: 'a->b ... x <<= 1.5e+3 .5 0x1fUL', want: 'a -> b ... x <<= 1.5e+3 .5 0x1fUL' }],
];

/** gcc -E -P's tokens for the same input and options (#pragma and #ident lines, which -E passes on, left out). */
async function gccTokens(main: string, defines: MacroOption[] = []): Promise<string[]> {
  const options = defines.map((d) => (d.kind === 'define' ? `-D${d.name}=${d.value}` : `-U${d.name}`));
  const output = await gcc(['-E', '-P', '-w', ...options, ...includeDirs.map((dir) => `-I${dir}`), main]);
  return cTokens(output.split('\n').filter((line) => !/^#(pragma|ident)\b/.test(line)).join('\n'));
}

describe('preprocess', () => {
  it.each(cases)('%s', (_, { given, want, defines }) => {
    expect(expanded(given, defines)).toBe(want);
  });

  it.each(cases.filter(([, c]) => c.gcc !== false))('%s: same tokens as gcc -E -P', async (_, { given, defines }) => {
    const result = run(given, defines);
    expect(cTokens(result.text)).toEqual(await gccTokens(result.main, defines));
  });
});

// C11 §6.10.3.5: each example's result as the standard prints it, tokens spaced and lines laid
// out as gcc -E does (what follows a multi-line invocation starts a line); gcc -E -P on the same
// input must give the same tokens.
const standardExamples: [string, Case][] = [
  [
    'EXAMPLE 3',
    {
      given: `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
`,
      want: `f ( 2 * ( y + 1 ) ) + f ( 2 * ( f ( 2 * ( z [ 0 ] ) ) ) ) % f ( 2 * ( 0 ) ) + t ( 1 ) ;
f ( 2 * ( 2 + ( 3 , 4 ) - 0 , 1 ) ) | f ( 2 * ( ~ 5 ) ) & f ( 2 * ( 0 , 1 ) )
^ m ( 0 , 1 ) ;
int i [ ] = { 1 , 23 , 4 , 5 , } ;
char c [ 2 ] [ 6 ] = { "hello" , "" } ;`,
    },
  ],
  [
    'EXAMPLE 4',
    {
      given: `#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\\0d", "abc", '\\4') // this goes away
 == 0) str(: @\\n), s);
#include xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
`,
      want: `printf ( "x" "1" "= %d, x" "2" "= %s" , x1 , x2 ) ;
fputs ( "strncmp(\\"abc\\\\0d\\", \\"abc\\", '\\\\4') == 0"
": @\\n" , s ) ;
int vers2 ;
"hello" ;
"hello" ", world"`,
    },
  ],
  [
    'EXAMPLE 5',
    {
      given: `#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };
`,
      want: `int j [ ] = { 123 , 45 , 67 , 89 ,
10 , 11 , 12 , } ;`,
    },
  ],
  [
    'EXAMPLE 7',
    {
      given: `#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
`,
      want: `fprintf ( stderr , "Flag" ) ;
fprintf ( stderr , "X = %d\\n" , x ) ;
puts ( "The first, second, and third items." ) ;
( ( x > y ) ? puts ( "x>y" ) : printf ( "x is %d but y is %d" , x , y ) ) ;`,
    },
  ],
];

describe('C11 §6.10.3.5 examples', () => {
  it.each(standardExamples)('%s as the standard gives it', (_, { given, want }) => {
    expect(expanded(given)).toBe(want);
  });

  it.each(standardExamples)('%s as gcc -E -P gives it', async (_, { given }) => {
    const result = run(given);
    expect(cTokens(result.text)).toEqual(await gccTokens(result.main));
  });
});
