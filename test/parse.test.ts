// parse: golden declarations for fixtures, and the cases the brief names one by one.

import { describe, expect, it } from 'vitest';
import type { Declarations, ExpansionSpan, Preprocessed, TypeRef } from '../src/types.js';
import { parse } from '../src/parse/index.js';
import { topLevelPieces } from '../src/parse/pieces.js';
import { fixture, preprocessedText } from './parse-input.js';

function parseText(text: string, expansions: ExpansionSpan[] = []): Declarations {
  return parse(preprocessedText(text, 'test.h', expansions));
}

function record(decls: Declarations, tag: string) {
  const found = decls.records.find((r) => r.tag === tag);
  if (!found) throw new Error(`no struct ${tag}`);
  return found;
}

describe('golden declarations', () => {
  it.each(['declarations.h', 'bitfields.h', 'anonymous.h', 'typedefs.h', 'enums.h'])('%s', async (name) => {
    const decls = parse(fixture(name).pp);
    expect(decls.diagnostics).toEqual([]);
    await expect(`${JSON.stringify(decls, null, 2)}\n`).toMatchFileSnapshot(`./fixtures/layout/${name.replace(/\.h$/, '')}.decls.json`);
  });
});

describe('records', () => {
  it('gives every struct and union specifier an id, nested and anonymous ones too', () => {
    const decls = parseText('struct a { union { int x; struct { char c; } inner; }; struct b { int y; } b; };');
    expect(decls.records.map((r) => [r.id, r.kind, r.tag])).toEqual([
      [0, 'struct', 'a'],
      [1, 'union', undefined],
      [2, 'struct', undefined],
      [3, 'struct', 'b'],
    ]);
    const a = record(decls, 'a');
    expect(a.fields?.map((f) => [f.name, f.type])).toEqual([
      [undefined, { kind: 'record', recordKind: 'union', id: 1 }],
      ['b', { kind: 'record', recordKind: 'struct', tag: 'b', id: 3 }],
    ]);
  });

  it('keeps one record per tag: a mention declares it, the body defines it', () => {
    const decls = parseText('typedef struct _ts PyThreadState;\nstruct _ts *current;\nstruct _ts { int id; };');
    expect(decls.records).toHaveLength(1);
    expect(decls.records[0]).toMatchObject({ tag: '_ts', fields: [{ name: 'id' }], origin: { line: 3 } });
    expect(decls.typedefs[0]!.type).toEqual({ kind: 'record', recordKind: 'struct', tag: '_ts', id: 0 });
  });

  it('leaves a declared-only struct without fields', () => {
    expect(parseText('struct _frame;').records[0]!.fields).toBeUndefined();
  });

  it('reads an unnamed bit-field (a MISSING name to tree-sitter) without a diagnostic', () => {
    const decls = parseText('struct s { unsigned int a : 8; unsigned int :24; int : 0; };');
    expect(decls.diagnostics).toEqual([]);
    expect(decls.records[0]!.fields!.map((f) => [f.name, f.bitWidth?.tokens])).toEqual([
      ['a', ['8']],
      [undefined, ['24']],
      [undefined, ['0']],
    ]);
  });

  it('reads unnamed bit-fields whose type takes several words, or is an enum', () => {
    const decls = parseText(
      'enum E { A };\nstruct s { unsigned long : 3; long long : 5; short unsigned : 2; signed __int128 : 3; unsigned __int128 : 3;\n' +
        'const unsigned short:1; enum E : 1; enum E:0; };',
    );
    expect(decls.diagnostics).toEqual([]);
    expect(decls.records[0]!.fields!.map((f) => [f.name, f.type, f.bitWidth?.tokens])).toEqual([
      [undefined, { kind: 'builtin', name: 'unsigned long' }, ['3']],
      [undefined, { kind: 'builtin', name: 'long long' }, ['5']],
      [undefined, { kind: 'builtin', name: 'unsigned short' }, ['2']],
      [undefined, { kind: 'builtin', name: '__int128' }, ['3']],
      [undefined, { kind: 'builtin', name: 'unsigned __int128' }, ['3']],
      [undefined, { kind: 'builtin', name: 'unsigned short', qualifiers: { const: true } }, ['1']],
      [undefined, { kind: 'enum', tag: 'E', id: 0 }, ['1']],
      [undefined, { kind: 'enum', tag: 'E', id: 0 }, ['0']],
    ]);
  });

  it('leaves an enum with a fixed underlying type to its diagnostic', () => {
    const decls = parseText('enum E : int { A };');
    expect(decls.diagnostics).toMatchObject([{ code: 'GI3003', message: expect.stringContaining('fixed underlying type') }]);
  });

  it('gives an attribute before a further declarator to the declarator before it', () => {
    const decls = parseText(
      'struct s { int a __attribute__((packed)), b; int c : 3 __attribute__((aligned(4))) __attribute__((packed)), d : 2, e; };\n' +
        'typedef int A __attribute__((aligned(8))), B;\n' +
        'int f(int x __attribute__((unused)), int y), g;',
    );
    expect(decls.diagnostics).toEqual([]);
    expect(record(decls, 's').fields!.map((f) => [f.name, f.attributes])).toEqual([
      ['a', { packed: true }],
      ['b', {}],
      ['c', { packed: true, aligned: { tokens: ['4'], origin: { file: 'test.h', line: 1 } } }],
      ['d', {}],
      ['e', {}],
    ]);
    expect(decls.typedefs.map((t) => [t.name, t.attributes?.aligned])).toEqual([
      ['A', { tokens: ['8'], origin: { file: 'test.h', line: 2 } }],
      ['B', undefined],
    ]);
    expect(decls.objects.map((o) => o.name)).toEqual(['f', 'g']);
    expect(decls.objects[0]!.type).toMatchObject({ kind: 'function', params: [{ name: 'x' }, { name: 'y' }] });
  });

  it('reads every one of several attribute specifiers in a row', () => {
    const aligned = (tokens: string[], line: number) => ({ tokens, origin: { file: 'test.h', line } });
    const decls = parseText(
      'struct m { char c; int x __attribute__((packed)) __attribute__((aligned(8))); };\n' +
        'struct __attribute__((packed)) __attribute__((aligned(4))) k { char c; };\n' +
        'struct b { char c; } __attribute__((packed)) __attribute__((aligned(2)));\n' +
        'struct o { union { int a; } __attribute__((packed))  __attribute__ ((aligned(64))) m; };\n' +
        'typedef int T __attribute__((aligned(16))) __attribute__((aligned(8)));',
    );
    expect(decls.diagnostics).toEqual([]);
    expect(record(decls, 'm').fields![1]!.attributes).toEqual({ packed: true, aligned: aligned(['8'], 1) });
    expect(record(decls, 'k').attributes).toEqual({ packed: true, aligned: aligned(['4'], 2) });
    expect(record(decls, 'b').attributes).toEqual({ packed: true, aligned: aligned(['2'], 3) });
    const inner = record(decls, 'o').fields![0]!;
    expect(inner.attributes).toEqual({});
    expect(inner.type.kind === 'record' && decls.records[inner.type.id]!.attributes).toEqual({ packed: true, aligned: aligned(['64'], 4) });
    // gcc: the last aligned of a type wins, so T is aligned to 8
    expect(decls.typedefs[0]!.attributes).toEqual({ aligned: aligned(['8'], 5) });
  });

  it('reads packed and aligned on records and members, after union and enum keywords too', () => {
    const decls = parseText(
      'struct __attribute__((packed)) p { char c; int i __attribute__((aligned(8))); };\n' +
        'union __attribute__((__packed__)) u { int i; } __attribute__((aligned));\n' +
        'enum __attribute__((packed)) e { A };',
    );
    expect(decls.diagnostics).toEqual([]);
    expect(record(decls, 'p').attributes).toEqual({ packed: true });
    expect(record(decls, 'p').fields![1]!.attributes).toEqual({ aligned: { tokens: ['8'], origin: { file: 'test.h', line: 1 } } });
    expect(record(decls, 'u').attributes).toEqual({ packed: true, aligned: 'max' });
    expect(decls.enums[0]!.attributes).toEqual({ packed: true });
  });

  it('reads _Alignas as an aligned member', () => {
    const fields = parseText('struct s { _Alignas(16) char c; _Alignas(double) char d; };').records[0]!.fields!;
    expect(fields.map((f) => f.attributes.aligned)).toMatchObject([{ tokens: ['16'] }, { tokens: ['_Alignof', '(', 'double', ')'] }]);
  });

  it('marks members produced by a macro expansion', () => {
    const text = 'struct s {\nlong ob_refcnt; struct _typeobject *ob_type; long extra;\n};';
    const head = 'long ob_refcnt; struct _typeobject *ob_type;';
    const decls = parseText(text, [{ line: 1, startColumn: 0, endColumn: head.length, macro: 'PyObject_HEAD' }]);
    expect(decls.records[0]!.fields!.map((f) => [f.name, f.fromMacro])).toEqual([
      ['ob_refcnt', 'PyObject_HEAD'],
      ['ob_type', 'PyObject_HEAD'],
      ['extra', undefined],
    ]);
  });
});

describe('types', () => {
  const typeOf = (declaration: string): TypeRef => parseText(declaration).typedefs[0]!.type;

  it('canonicalizes base types and leaves other names as typedefs for resolve to judge', () => {
    expect(typeOf('typedef long unsigned int T;')).toEqual({ kind: 'builtin', name: 'unsigned long' });
    expect(typeOf('typedef signed T;')).toEqual({ kind: 'builtin', name: 'int' });
    expect(typeOf('typedef long long int T;')).toEqual({ kind: 'builtin', name: 'long long' });
    expect(typeOf('typedef unsigned __int128 T;')).toEqual({ kind: 'builtin', name: 'unsigned __int128' });
    expect(typeOf('typedef _Bool T;')).toEqual({ kind: 'builtin', name: '_Bool' });
    expect(typeOf('typedef size_t T;')).toEqual({ kind: 'typedef', name: 'size_t' });
    expect(typeOf('typedef Py_mystery T;')).toEqual({ kind: 'typedef', name: 'Py_mystery' });
  });

  it('applies declarators inside out', () => {
    expect(typeOf('typedef char *T[3];')).toMatchObject({ kind: 'array', of: { kind: 'pointer' }, length: { tokens: ['3'] } });
    expect(typeOf('typedef char (*T)[3];')).toMatchObject({ kind: 'pointer', to: { kind: 'array' } });
    expect(typeOf('typedef PyObject *(*T)(PyObject *, ...);')).toEqual({
      kind: 'pointer',
      to: {
        kind: 'function',
        returns: { kind: 'pointer', to: { kind: 'typedef', name: 'PyObject' } },
        params: [{ type: { kind: 'pointer', to: { kind: 'typedef', name: 'PyObject' } } }],
        variadic: true,
      },
    });
  });

  it('keeps qualifiers where they were written', () => {
    expect(typeOf('typedef const char *const *T;')).toEqual({
      kind: 'pointer',
      to: { kind: 'pointer', to: { kind: 'builtin', name: 'char', qualifiers: { const: true } }, qualifiers: { const: true } },
    });
    const field = parseText('struct s { volatile int v; const char *p; };').records[0]!.fields!;
    expect(field.map((f) => f.qualifiers)).toEqual([{ volatile: true }, {}]);
  });

  it('reads array lengths and enum values as token texts', () => {
    const decls = parseText('enum { N = 1 << 4 };\nstruct s { char a[N + sizeof(long)]; char flexible[]; };');
    expect(decls.enums[0]!.constants![0]!.value).toEqual({ tokens: ['1', '<<', '4'], origin: { file: 'test.h', line: 1 } });
    expect(decls.records[0]!.fields!.map((f) => (f.type.kind === 'array' ? f.type.length?.tokens : null))).toEqual([
      ['N', '+', 'sizeof', '(', 'long', ')'],
      undefined,
    ]);
  });

  it('reads __builtin_offsetof in a constant expression', () => {
    const decls = parseText('struct s { int a; int b; };\nstruct t { char c[__builtin_offsetof(struct s, b)]; };');
    expect(decls.diagnostics).toEqual([]);
    const c = decls.records[1]!.fields![0]!.type;
    expect(c.kind === 'array' && c.length?.tokens).toEqual(['__builtin_offsetof', '(', 'struct', 's', ',', 'b', ')']);
  });
});

describe('functions and data', () => {
  const decls = parse(fixture('declarations.h').pp);
  const object = (name: string) => decls.objects.find((o) => o.name === name);

  it('records storage, inline, definitions and visibility("default")', () => {
    expect(object('Py_Exported')).toMatchObject({ kind: 'function', storage: 'none', exported: true, defined: false, inline: false });
    expect(object('Py_Data')).toMatchObject({ kind: 'data', storage: 'extern', exported: true });
    expect(object('not_exported')).toMatchObject({ kind: 'function', storage: 'extern', exported: false });
    expect(object('add_one')).toMatchObject({ storage: 'static', inline: true, defined: true });
    expect(object('noop')).toMatchObject({ storage: 'static', inline: true, defined: true });
    expect(object('twice')).toMatchObject({ storage: 'static', inline: true, defined: true });
    expect(object('plain_inline')).toMatchObject({ storage: 'none', inline: true, defined: false });
    expect(object('counter_pointer')).toMatchObject({ kind: 'data', type: { kind: 'pointer' } });
  });

  it('tolerates the GNU and C11 spellings of the headers', () => {
    expect(decls.diagnostics).toEqual([]);
    expect(decls.typedefs.map((t) => t.name)).toEqual(['PyObject', 'old_int', 'extended_t']);
    expect(object('copy_restricted')!.type).toMatchObject({ kind: 'function', params: [{ name: 'out' }, { name: 'in' }] });
    expect(object('variadic')!.type).toMatchObject({ kind: 'function', variadic: true });
  });

  it('sets fromMacro on an object from the expansion it starts in', () => {
    const text = '__attribute__((visibility("default"))) int Py_IsInitialized(void);';
    const decls = parseText(text, [{ line: 0, startColumn: 0, endColumn: 42, macro: 'PyAPI_FUNC' }]);
    expect(decls.objects[0]).toMatchObject({ name: 'Py_IsInitialized', exported: true, fromMacro: 'PyAPI_FUNC' });
  });
});

describe('syntax errors', () => {
  const withOrigins = (text: string, file: string, firstLine: number): Preprocessed => {
    const pp = preprocessedText(text, file);
    pp.lineOrigins = pp.lineOrigins.map((_, index) => ({ file, line: firstLine + index }));
    return pp;
  };

  it('reports an ERROR at file scope as an error at its header line', () => {
    const decls = parse(withOrigins('int ok;\nstruct s { int a; } = = ;\nint after;', 'object.h', 120));
    expect(decls.diagnostics).toMatchObject([{ code: 'GI3001', severity: 'error', origin: { file: 'object.h', line: 121 } }]);
    expect(decls.objects.map((o) => o.name)).toContain('after');
  });

  it('reports an ERROR inside a function body as a warning', () => {
    const decls = parse(withOrigins('static inline int f(int x) {\n  return x + ;\n}\nint g(void);', 'pyport.h', 10));
    expect(decls.diagnostics).toMatchObject([{ code: 'GI3001', severity: 'warning', origin: { file: 'pyport.h', line: 11 } }]);
    expect(decls.objects.map((o) => o.name)).toEqual(['f', 'g']);
  });

  it('notes the macro an error was expanded from', () => {
    const text = 'struct s { int a; @ int b; };';
    const decls = parseText(text, [{ line: 0, startColumn: 0, endColumn: text.length, macro: 'BROKEN', definedAt: { file: 'm.h', line: 3 } }]);
    expect(decls.diagnostics[0]).toMatchObject({ code: 'GI3001', notes: [{ message: 'expanded from macro BROKEN', origin: { file: 'm.h', line: 3 } }] });
  });

  it('reports what it cannot read at file scope, and reads on', () => {
    const decls = parseText('int a;;\nstruct t __attribute__((packed)) { char c; };\nint b;');
    expect(decls.diagnostics.map((d) => [d.code, d.severity, d.origin?.line])).toEqual([
      ['GI3003', 'error', 2],
      ['GI3001', 'error', 2],
    ]);
    expect(decls.objects.map((o) => o.name)).toEqual(['a', 'b']);
  });

  it('reports a layout attribute it cannot place rather than dropping it', () => {
    const decls = parseText('__attribute__((aligned(8))) typedef int T;');
    expect(decls.diagnostics).toMatchObject([{ code: 'GI3003' }]);
    expect(decls.typedefs.map((t) => t.name)).toEqual(['T']);
  });
});

describe('pieces parsed once per process', () => {
  const texts = (text: string) => topLevelPieces(text).map(([start, end]) => text.slice(start, end));

  it.each([
    ['declarations end at a semicolon outside braces', 'int a; struct S { int x; } s;\nlong b;\n', ['int a;', 'struct S { int x; } s;', 'long b;']],
    ['a function definition joins what follows', 'static int f(void) { return 1; } int g;', ['static int f(void) { return 1; } int g;']],
    ['not in parentheses or brackets', 'int h(int (*p)(int; int)); char c[sizeof(struct { int y; })];', ['int h(int (*p)(int; int));', 'char c[sizeof(struct { int y; })];']],
    ['not in literals or comments', 'char *s = ";"; /* ; */ int c = \';\'; // ;\nint d;', ['char *s = ";";', '/* ; */ int c = \';\';', '// ;\nint d;']],
    ['the rest, whatever it is', 'int e; struct {', ['int e;', 'struct {']],
  ])('%s', (_, text, pieces) => {
    expect(texts(text)).toEqual(pieces);
  });

  it('reads a piece seen before where it stands now', () => {
    const shared = 'struct seen { int a; long b; };\nint seen_too(struct seen *);\n';
    parseText(shared);
    const decls = parseText(`typedef int first;\n\n${shared}`);
    expect(record(decls, 'seen').origin.line).toBe(3);
    expect(record(decls, 'seen').fields!.map((f) => [f.name, f.origin.line])).toEqual([['a', 3], ['b', 3]]);
    expect(decls.objects.map((o) => [o.name, o.origin.line])).toEqual([['seen_too', 4]]);
    expect(decls.typedefs.map((t) => t.name)).toEqual(['first']);
  });

  it('reports a syntax error after a piece seen before as it does without one', () => {
    const text = 'int before_error;\nstruct s { int a; } = = ;\nint after_error;';
    const fresh = parseText(`${text}\n/* fresh */`);
    parseText('int before_error;\n');
    const again = parseText(text);
    expect(again.diagnostics).toEqual(fresh.diagnostics);
    expect(again.objects.map((o) => o.name)).toEqual(['before_error', 'after_error']);
  });
});
