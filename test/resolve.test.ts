// resolve: what the gcc probes cannot show — diagnostics, spellings, the helpers for macro
// constants, typedef names — and that the target is data. Expected numbers are the C rules
// worked by hand for these small inputs.

import { describe, expect, it } from 'vitest';
import type { Resolved, Target } from '../src/types.js';
import { parse } from '../src/parse/index.js';
import { offsetOfMember, resolve, typeInfoFromTokens } from '../src/resolve/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import { tokenizeExpression } from '../src/cexpr/index.js';
import { fixture, preprocessedText } from './parse-input.js';

const target = x86_64LinuxGnu;

function resolveText(text: string, onTarget: Target = target): Resolved {
  return resolve(parse(preprocessedText(text, 'test.h')), onTarget);
}

function resolveFixture(name: string): Resolved {
  return resolve(parse(fixture(name).pp), target);
}

function fieldsOf(resolved: Resolved, name: string) {
  const record = resolved.records.find((r) => r.tag === name || r.typedefNames.includes(name));
  if (!record) throw new Error(`no record ${name}`);
  return record.fields;
}

describe('diagnostics', () => {
  it('reports a type name known to neither the headers nor the target, at the line that used it', () => {
    const resolved = resolveText('struct s {\n  int ok;\n  mystery_t m;\n};');
    expect(resolved.diagnostics).toEqual([
      {
        code: 'GI4001',
        severity: 'error',
        message: "unknown system type 'mystery_t': the target 'x86_64-linux-gnu' does not say how large it is",
        origin: { file: 'test.h', line: 3 },
      },
    ]);
  });

  it('takes system type names from the target', () => {
    const resolved = resolveText('typedef struct { size_t n; FILE *f; va_list args; pthread_mutex_t lock; } t;');
    expect(resolved.diagnostics).toEqual([]);
    expect(fieldsOf(resolved, 't').map((f) => [f.name, f.offset, f.size])).toEqual([
      ['n', 0, 8],
      ['f', 8, 8],
      ['args', 16, 24],
      ['lock', 40, 40],
    ]);
  });

  it('reports incomplete members, too-wide bit-fields and expressions it cannot value', () => {
    const resolved = resolveText('struct later;\nstruct s {\n  struct later l;\n  char c : 9;\n  int a[undeclared];\n};');
    expect(resolved.diagnostics.map((d) => [d.code, d.origin?.line])).toEqual([
      ['GI4003', 3],
      ['GI4004', 4],
      ['GI4002', 5],
    ]);
  });

  it('names an enum that is never defined as the incomplete type of a member', () => {
    const resolved = resolveText('typedef enum never never_t;\nstruct s {\n  never_t *p;\n  never_t x;\n};');
    expect(resolved.diagnostics.map((d) => [d.code, d.origin?.line, d.message])).toEqual([['GI4003', 4, 'field x has incomplete type enum never']]);
  });
});

describe('spelling of member types', () => {
  it('spells types as gcc prints them, with typedef names as written', () => {
    const resolved = resolveFixture('typedefs.h');
    expect(Object.fromEntries(fieldsOf(resolved, 'node_t').map((f) => [f.name, f.typeText]))).toEqual({
      next: 'struct node *',
      forward: 'later_t *',
      name: 'const char *',
      names: 'const char * const *',
      counter: 'volatile int',
      fixed: 'char * const',
    });
    expect(Object.fromEntries(fieldsOf(resolved, 'with_functions').map((f) => [f.name, f.typeText]))).toMatchObject({
      raw: 'void (*)(node_t *, int)',
      returns_pointer: 'int (*(*)(void))[4]',
      fns: 'array_of_fns',
      ld: 'long double',
    });
    expect(fieldsOf(resolveFixture('arrays.h'), 'sized').find((f) => f.name === 'matrix')!.typeText).toBe('double [2][3]');
    expect(fieldsOf(resolveFixture('arrays.h'), 'flexible').find((f) => f.name === 'data')!.typeText).toBe('char []');
  });

  it('spells functions and data at file scope', () => {
    const resolved = resolve(parse(fixture('declarations.h').pp), target);
    const texts = Object.fromEntries(resolved.objects.map((o) => [o.decl.name, o.typeText]));
    expect(texts).toMatchObject({
      Py_Exported: 'PyObject *(PyObject *, const char *)',
      Py_Data: 'int',
      not_exported: 'int (void)',
      variadic: 'void (const char *, ...)',
      names: 'const char * const []',
    });
  });
});

describe('typedef names of records', () => {
  it('lists typedefs naming a record directly or through other typedefs, not through pointers', () => {
    const resolved = resolveFixture('typedefs.h');
    const node = resolved.records.find((r) => r.tag === 'node')!;
    expect(node.typedefNames).toEqual(['node_t', 'node_alias']);
    expect(resolved.records.find((r) => r.tag === 'tagged_and_typedef')!.typedefNames).toEqual(['tagged_t1', 'tagged_t2']);
  });
});

describe('type names and offsetof for macro constants', () => {
  const resolved = resolveText(
    'typedef long Py_ssize_t;\n' +
      'typedef struct _object { Py_ssize_t ob_refcnt; struct _typeobject *ob_type; } PyObject;\n' +
      'typedef struct { PyObject ob_base; union { char c[3]; struct { int lo, hi; } pair[4]; }; } Holder;\n' +
      'enum colour { red, green };',
  );
  const info = (text: string) => typeInfoFromTokens(resolved, target, tokenizeExpression(text));

  it('describes builtin, typedef, pointer, tagged and enum type names', () => {
    expect(info('unsigned long')).toEqual({ size: 8, align: 8, integer: true, signed: false, pointer: false });
    expect(info('Py_ssize_t')).toEqual({ size: 8, align: 8, integer: true, signed: true, pointer: false });
    expect(info('PyObject *')).toEqual({ size: 8, align: 8, integer: false, signed: false, pointer: true });
    expect(info('struct _object')).toMatchObject({ size: 16, align: 8, pointer: false });
    expect(info('const char *')).toMatchObject({ size: 8, pointer: true });
    expect(info('enum colour')).toEqual({ size: 4, align: 4, integer: true, signed: false, pointer: false });
    expect(info('_Bool')).toMatchObject({ size: 1, boolean: true });
    expect(info('char [5]')).toMatchObject({ size: 5, align: 1 });
  });

  it('says an expression in parentheses is no type name', () => {
    expect(info('x')).toBeUndefined();
    expect(info('1 + 2')).toBeUndefined();
    expect(info('red')).toBeUndefined();
  });

  it('finds members through anonymous unions and array elements', () => {
    const offset = (type: string, member: string) => offsetOfMember(resolved, target, tokenizeExpression(type), tokenizeExpression(member));
    expect(offset('PyObject', 'ob_type')).toBe(8);
    expect(offset('Holder', 'ob_base.ob_type')).toBe(8);
    expect(offset('Holder', 'c[2]')).toBe(18);
    expect(offset('Holder', 'pair[3].hi')).toBe(16 + 3 * 8 + 4);
    expect(offset('Holder', 'missing')).toBeUndefined();
  });
});

describe('the target is data', () => {
  it('lays out the same declarations for a 32-bit target from its table alone', () => {
    const i386: Target = {
      ...target,
      name: 'i386-linux-gnu',
      pointer: { size: 4, align: 4 },
      builtins: {
        ...target.builtins,
        long: { size: 4, align: 4 },
        'unsigned long': { size: 4, align: 4 },
        'long long': { size: 8, align: 4 },
        'unsigned long long': { size: 8, align: 4 },
        double: { size: 8, align: 4 },
      },
    };
    const resolved = resolveText('struct s { char c; void *p; long long ll; long l; double d; };', i386);
    expect(fieldsOf(resolved, 's').map((f) => f.offset)).toEqual([0, 4, 8, 16, 20]);
    expect(resolved.records[0]).toMatchObject({ size: 28, align: 4 });
  });
});
