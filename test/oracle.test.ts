// The gcc oracle, tested on a fixture header whose numbers are worked out by hand (x86-64 SysV),
// then its inventory of the real Python headers.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { findPythons, gccConstants, gccInventory, gccLayouts, printPythons, type GccLayout } from './oracle/index.js';
import { declaredFunctionName } from './oracle/inventory.js';

const fixture = { includeDirs: [join(dirname(fileURLToPath(import.meta.url)), 'oracle', 'fixtures')] };
const fixtureHeaders = ['oracle_fixture.h'];

function layoutOf(layouts: Map<string, GccLayout>, cType: string) {
  const layout = layouts.get(cType);
  if (layout?.kind !== 'layout') throw new Error(`${cType}: ${JSON.stringify(layout)}`);
  return layout;
}

describe('gccLayouts on the fixture', () => {
  const layouts = gccLayouts(fixture, [], fixtureHeaders, [
    {
      cType: 'FixRecord',
      members: ['tag', 'value', 'counts', 'counts[2]', 'pair', 'pair.i', 'as_int', 'as_float', 'tail', 'missing', 'low'],
      bitfields: ['low', 'mid', 'signed_bits', 'after'],
    },
    { cType: 'struct fix_pair', members: ['c', 'i'] },
    { cType: 'union fix_number', members: ['l', 'd', 'bytes'] },
    { cType: 'struct fix_packed', members: ['c', 'i'] },
    { cType: 'FixOpaque', members: ['anything'] },
    { cType: 'FixMissing', members: [] },
    { cType: 'struct fix_pair', members: ['i'] },
  ]);

  it('gives sizes, alignments and offsets', async () => {
    const record = layoutOf(await layouts, 'FixRecord');
    expect([record.size, record.align]).toEqual([56, 8]);
    expect(Object.fromEntries(record.offsets)).toEqual({
      tag: 0,
      value: 8,
      counts: 16,
      'counts[2]': 20,
      pair: 24,
      'pair.i': 28,
      as_int: 32,
      as_float: 32,
      tail: 48,
    });
    const pair = layoutOf(await layouts, 'struct fix_pair');
    expect([pair.size, pair.align, Object.fromEntries(pair.offsets)]).toEqual([8, 4, { c: 0, i: 4 }]);
    const number = layoutOf(await layouts, 'union fix_number');
    expect([number.size, number.align, Object.fromEntries(number.offsets)]).toEqual([16, 8, { l: 0, d: 0, bytes: 0 }]);
    const packed = layoutOf(await layouts, 'struct fix_packed');
    expect([packed.size, packed.align, packed.offsets.get('i')]).toEqual([5, 1, 1]);
  });

  it('finds bit-fields by setting them', async () => {
    const record = layoutOf(await layouts, 'FixRecord');
    expect(Object.fromEntries(record.bitfields)).toEqual({
      low: { bitOffset: 288, width: 3 },
      mid: { bitOffset: 291, width: 6 },
      signed_bits: { bitOffset: 297, width: 4 },
      after: { bitOffset: 320, width: 2 },
    });
  });

  it('reports what gcc rejects, keeping the rest of the batch', async () => {
    const record = layoutOf(await layouts, 'FixRecord');
    expect([...record.notCompilable.keys()].sort()).toEqual(['low', 'missing']);
    expect(record.notCompilable.get('missing')).toMatch(/no member named 'missing'/);
    expect((await layouts).get('FixOpaque')).toMatchObject({ kind: 'not-compilable', error: expect.stringMatching(/incomplete type/) });
    expect((await layouts).get('FixMissing')?.kind).toBe('not-compilable');
  });

  it('throws when the headers themselves fail', async () => {
    await expect(gccLayouts(fixture, ['-DORACLE_FIXTURE_BREAK'], fixtureHeaders, [{ cType: 'FixRecord', members: [] }])).rejects.toThrow(
      /broken on purpose/,
    );
  });
});

describe('gccConstants on the fixture', () => {
  const names = [
    'FIX_INT', 'FIX_BLOCK', 'FIX_NEGATIVE', 'FIX_CLOSE_PAREN', 'FIX_UNSIGNED_LONG', 'FIX_CHAR', 'FIX_ALL_ONES',
    'FIX_SIZEOF_PAIR', 'FIX_ENUM_ALIAS', 'FIX_B', 'FIX_CAST_OF_FLOAT', 'FIX_WIDE', 'FIX_FLOAT', 'FIX_STRING',
    'FIX_POINTER', 'FIX_EMPTY', 'FIX_OVERFLOW', 'FIX_COMMA', 'FIX_FUNCTION_LIKE', 'FIX_UNDEFINED_LATER', 'EOF',
  ];
  const constants = gccConstants(fixture, [], fixtureHeaders, names);

  it('gives value, size and signedness of integer constant expressions', async () => {
    const integers = Object.fromEntries([...(await constants)].filter(([, constant]) => constant.kind === 'integer'));
    expect(integers).toEqual({
      FIX_INT: { kind: 'integer', value: 42n, size: 4, signed: true },
      FIX_NEGATIVE: { kind: 'integer', value: -7n, size: 4, signed: true },
      FIX_UNSIGNED_LONG: { kind: 'integer', value: 1n << 40n, size: 8, signed: false },
      FIX_CHAR: { kind: 'integer', value: 65n, size: 1, signed: true },
      FIX_ALL_ONES: { kind: 'integer', value: (1n << 64n) - 1n, size: 8, signed: false },
      FIX_SIZEOF_PAIR: { kind: 'integer', value: 8n, size: 8, signed: false },
      FIX_ENUM_ALIAS: { kind: 'integer', value: 5n, size: 4, signed: true },
      FIX_B: { kind: 'integer', value: 5n, size: 4, signed: true },
      FIX_CAST_OF_FLOAT: { kind: 'integer', value: 2n, size: 4, signed: true },
      FIX_WIDE: { kind: 'integer', value: 1n << 100n, size: 16, signed: true },
      EOF: { kind: 'integer', value: -1n, size: 4, signed: true },
    });
  });

  it('rejects floating, pointer, string, empty, overflowing, comma and broken expansions', async () => {
    const rejected = [...(await constants)].filter(([, constant]) => constant.kind === 'not-integer').map(([name]) => name);
    expect(rejected.sort()).toEqual(
      ['FIX_BLOCK', 'FIX_CLOSE_PAREN', 'FIX_FLOAT', 'FIX_STRING', 'FIX_POINTER', 'FIX_EMPTY', 'FIX_OVERFLOW', 'FIX_COMMA', 'FIX_FUNCTION_LIKE', 'FIX_UNDEFINED_LATER'].sort(),
    );
    expect((await constants).get('FIX_BLOCK')).toEqual({ kind: 'not-integer', reason: 'it expands to a statement or block: { int fix_x;' });
  });
});

describe('gccInventory on the fixture', () => {
  const inventory = gccInventory(fixture, [], fixtureHeaders);

  it('lists the records declared in the fixture only', async () => {
    const records = (await inventory).records.map(({ file, ...rest }) => ({ ...rest, file: file.split('/').pop() }));
    expect(records.sort((a, b) => a.line - b.line)).toEqual([
      { name: 'struct fix_pair', kind: 'struct', tag: 'fix_pair', typedefs: [], file: 'oracle_fixture.h', line: 36, complete: true },
      { name: 'FixRecord', kind: 'struct', tag: 'fix_record', typedefs: ['FixRecord', 'FixAlias'], file: 'oracle_fixture.h', line: 41, complete: true },
      { name: 'union fix_number', kind: 'union', tag: 'fix_number', typedefs: [], file: 'oracle_fixture.h', line: 60, complete: true },
      { name: 'struct fix_packed', kind: 'struct', tag: 'fix_packed', typedefs: [], file: 'oracle_fixture.h', line: 66, complete: true },
      { name: 'FixOpaque', kind: 'struct', tag: 'fix_opaque', typedefs: ['FixOpaque'], file: 'oracle_fixture.h', line: 71, complete: false },
    ]);
  });

  it('lists integer macros, enum constants, functions and data', async () => {
    const { integerMacros, enumConstants, functions, data } = await inventory;
    expect(integerMacros.sort()).toEqual(
      ['FIX_INT', 'FIX_NEGATIVE', 'FIX_UNSIGNED_LONG', 'FIX_CHAR', 'FIX_ALL_ONES', 'FIX_SIZEOF_PAIR', 'FIX_ENUM_ALIAS', 'FIX_CAST_OF_FLOAT', 'FIX_WIDE'].sort(),
    );
    expect(enumConstants).toEqual(['FIX_A', 'FIX_B', 'FIX_C']);
    expect(functions.sort()).toEqual(['fix_function', 'fix_returns_pointer']);
    expect(data.sort()).toEqual(['fix_counter', 'fix_hook']);
  });

  it('names the declarator of an -aux-info line', () => {
    expect(declaredFunctionName('extern void (*PyOS_setsig (int, void (*) (int))) (int);')).toBe('PyOS_setsig');
    expect(declaredFunctionName('extern long unsigned int PyThread_start_new_thread (void (*) (void *), void *);')).toBe('PyThread_start_new_thread');
    expect(declaredFunctionName('extern struct _ts *PyThreadState_Get (void);')).toBe('PyThreadState_Get');
  });
});

describe('the Pythons of this machine', () => {
  it('are found and printed', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const selection = findPythons();
      printPythons(selection);
      expect(selection.found.length).toBeGreaterThan(0);
      expect(log.mock.calls[0]![0]).toMatch(/^gcc oracle: \d+ Python\(s\)\n {2}testing Python 3\./);
    } finally {
      log.mockRestore();
    }
    expect(() => findPythons(['2.1'])).toThrow(/no Python with headers/);
  });
});

const python313 = findPythons(undefined).found.find((install) => install.shortVersion === '3.13');

describe.skipIf(!python313)('gccInventory on Python 3.13', () => {
  const started = performance.now();
  const inventory = python313 ? gccInventory(python313, [], ['Python.h', 'structmember.h']) : Promise.reject(new Error('no 3.13'));

  it('lists PyTypeObject, PyObject, Py_TPFLAGS_HEAPTYPE, PyExc_ValueError and PyModule_Create2, not Py_None', async () => {
    const { records, integerMacros, data, functions, enumConstants } = await inventory;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(records.find((record) => record.name === 'PyTypeObject')).toMatchObject({ tag: '_typeobject', complete: true });
    expect(records.find((record) => record.name === 'PyObject')).toMatchObject({ tag: '_object', complete: true });
    expect(records.find((record) => record.name === 'PyInterpreterState')).toMatchObject({ tag: '_is', complete: false });
    expect(integerMacros).toContain('Py_TPFLAGS_HEAPTYPE');
    expect(integerMacros).not.toContain('Py_None');
    expect(data).toContain('PyExc_ValueError');
    expect(functions).toContain('PyModule_Create2');
    expect(functions).not.toContain('Py_INCREF');
    expect(enumConstants).toContain('PyUnicode_1BYTE_KIND');
  });

  it('agrees with hand-known layouts and constants', async () => {
    const layouts = await gccLayouts(python313!, [], ['Python.h'], [
      { cType: 'PyObject', members: ['ob_refcnt', 'ob_type'] },
      { cType: 'PyASCIIObject', members: ['length', 'hash'], bitfields: ['state.kind'] },
    ]);
    expect(layoutOf(layouts, 'PyObject')).toMatchObject({ size: 16, align: 8 });
    expect(Object.fromEntries(layoutOf(layouts, 'PyObject').offsets)).toEqual({ ob_refcnt: 0, ob_type: 8 });
    expect(layoutOf(layouts, 'PyASCIIObject').bitfields.get('state.kind')).toEqual({ bitOffset: 32 * 8 + 2, width: 3 });
    const constants = await gccConstants(python313!, [], ['Python.h'], ['Py_TPFLAGS_HEAPTYPE', 'Py_None']);
    expect(constants.get('Py_TPFLAGS_HEAPTYPE')).toEqual({ kind: 'integer', value: 512n, size: 8, signed: false });
    expect(constants.get('Py_None')?.kind).toBe('not-integer');
  });
});

const debian311 = findPythons(undefined).found.find((install) => install.includeDirs.includes('/usr/include/x86_64-linux-gnu/python3.11'));

describe.skipIf(!debian311 || !existsSync('/usr/include/x86_64-linux-gnu/python3.11/pyconfig.h'))("Debian's split pyconfig.h", () => {
  it('counts macros of the platform pyconfig.h as Python macros', async () => {
    const { integerMacros } = await gccInventory(debian311!, [], ['Python.h']);
    expect(integerMacros).toContain('SIZEOF_VOID_P');
  });
});
