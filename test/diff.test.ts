// gen-inc diff on hand-made layouts: each kind of change, the PyLongObject rearrangement of 3.12
// in miniature, embedded structs reported once, and the text and JSON renderings.

import { describe, expect, it } from 'vitest';
import { diffJsonText, diffLayouts, diffText, type LayoutChange } from '../src/diff/index.js';
import type { LayoutField, LayoutJson, LayoutStruct } from '../src/report/index.js';

function field(name: string, offset: number, size: number, type: string, extra: Partial<LayoutField> = {}): LayoutField {
  return { name, offset, size, align: Math.min(size, 8) || 1, type, ...extra };
}

function struct(name: string, size: number, fields: LayoutField[], tag: string | null = null): LayoutStruct {
  return { name, kind: 'struct', tag, aliases: tag ? [`struct ${tag}`] : [], size, align: 8, file: 'x.h', line: 1, fields, holes: [], tail_padding: 0 };
}

function layout(version: string, parts: Partial<Pick<LayoutJson, 'structs' | 'constants' | 'functions' | 'data'>>): LayoutJson {
  return {
    generator: { name: 'gen-inc', version: '0.1.0' },
    python: { version, hexversion: 0, include_dirs: ['/inc'], defines: [], target: 'x86_64-linux-gnu' },
    structs: parts.structs ?? [],
    constants: parts.constants ?? [],
    functions: parts.functions ?? [],
    data: parts.data ?? [],
  };
}

const pyObject = struct('PyObject', 16, [field('ob_refcnt', 0, 8, 'Py_ssize_t'), field('ob_type', 8, 8, 'PyTypeObject *')], '_object');
const pyVarObject = struct('PyVarObject', 24, [field('ob_base', 0, 16, 'PyObject'), field('ob_size', 16, 8, 'Py_ssize_t')]);

describe('diffLayouts', () => {
  it('finds nothing between a layout and itself', () => {
    const a = layout('3.11.7', { structs: [pyObject, pyVarObject] });
    const diff = diffLayouts(a, structuredClone(a));
    expect(diff.identical).toBe(true);
    expect(diff.changes).toEqual([]);
    expect(diffText(diff)).toContain('no differences');
  });

  it('reports structs added, removed and resized, and fields added, moved, resized and retyped', () => {
    const before = layout('1', {
      structs: [
        struct('Gone', 8, [field('x', 0, 8, 'long')]),
        struct('T', 24, [field('a', 0, 4, 'int'), field('b', 8, 8, 'PyObject *'), field('c', 16, 4, 'int'), field('d', 20, 4, 'int')]),
      ],
    });
    const after = layout('2', {
      structs: [
        struct('New', 4, [field('y', 0, 4, 'int')]),
        struct('T', 32, [field('a', 0, 8, 'long'), field('b', 8, 8, 'void *'), field('e', 16, 1, 'unsigned char'), field('c', 20, 4, 'int'), field('d', 24, 4, 'int')]),
      ],
    });
    expect(diffLayouts(before, after).changes).toEqual<LayoutChange[]>([
      { kind: 'struct-removed', struct: 'Gone', size: 8 },
      { kind: 'struct-added', struct: 'New', size: 4 },
      { kind: 'struct-resized', struct: 'T', old: 24, new: 32 },
      { kind: 'field-resized', struct: 'T', field: 'a', old: 4, new: 8 },
      { kind: 'field-retyped', struct: 'T', field: 'a', old: 'int', new: 'long' },
      { kind: 'field-retyped', struct: 'T', field: 'b', old: 'PyObject *', new: 'void *' },
      { kind: 'field-moved', struct: 'T', field: 'c', old: { offset: 16 }, new: { offset: 20 } },
      { kind: 'field-moved', struct: 'T', field: 'd', old: { offset: 20 }, new: { offset: 24 } },
      { kind: 'field-added', struct: 'T', field: { name: 'e', offset: 16, size: 1, type: 'unsigned char' } },
    ]);
  });

  it('sees ob_size replaced by long_value when PyLongObject trades PyObject_VAR_HEAD for PyObject_HEAD', () => {
    // 3.11: struct _longobject { PyObject_VAR_HEAD digit ob_digit[1]; }
    // 3.12: struct _longobject { PyObject_HEAD _PyLongValue long_value; }, _PyLongValue { uintptr_t lv_tag; digit ob_digit[1]; }
    const before = layout('3.11', {
      structs: [pyObject, pyVarObject, struct('PyLongObject', 32, [field('ob_base', 0, 24, 'PyVarObject'), field('ob_digit', 24, 4, 'digit [1]')], '_longobject')],
    });
    const after = layout('3.12', {
      structs: [
        pyObject,
        pyVarObject,
        struct('_PyLongValue', 16, [field('lv_tag', 0, 8, 'uintptr_t'), field('ob_digit', 8, 4, 'digit [1]')], '_PyLongValue'),
        struct('PyLongObject', 32, [field('ob_base', 0, 16, 'PyObject'), field('long_value', 16, 16, '_PyLongValue')], '_longobject'),
      ],
    });
    expect(diffLayouts(before, after).changes).toEqual<LayoutChange[]>([
      { kind: 'field-resized', struct: 'PyLongObject', field: 'ob_base', old: 24, new: 16 },
      { kind: 'field-retyped', struct: 'PyLongObject', field: 'ob_base', old: 'PyVarObject', new: 'PyObject' },
      { kind: 'field-renamed', struct: 'PyLongObject', old: { name: 'ob_base.ob_base.ob_refcnt', offset: 0, size: 8, type: 'Py_ssize_t' }, new: { name: 'ob_base.ob_refcnt', offset: 0, size: 8, type: 'Py_ssize_t' } },
      { kind: 'field-renamed', struct: 'PyLongObject', old: { name: 'ob_base.ob_base.ob_type', offset: 8, size: 8, type: 'PyTypeObject *' }, new: { name: 'ob_base.ob_type', offset: 8, size: 8, type: 'PyTypeObject *' } },
      { kind: 'field-renamed', struct: 'PyLongObject', old: { name: 'ob_digit', offset: 24, size: 4, type: 'digit [1]' }, new: { name: 'long_value.ob_digit', offset: 24, size: 4, type: 'digit [1]' } },
      {
        kind: 'field-replaced',
        struct: 'PyLongObject',
        old: [{ name: 'ob_base.ob_size', offset: 16, size: 8, type: 'Py_ssize_t' }],
        new: [{ name: 'long_value', offset: 16, size: 16, type: '_PyLongValue' }],
      },
      { kind: 'struct-added', struct: '_PyLongValue', size: 16 },
    ]);
  });

  it('reports a change inside an embedded struct once, under that struct', () => {
    const typeObject = (size: number, extra: LayoutField[]) => struct('PyTypeObject', size, [field('ob_base', 0, 24, 'PyVarObject'), field('tp_name', 24, 8, 'const char *'), ...extra], '_typeobject');
    const heapType = (typeSize: number) => struct('PyHeapTypeObject', typeSize + 8, [field('ht_type', 0, typeSize, 'PyTypeObject'), field('as_async', typeSize, 8, 'PyAsyncMethods')], '_heaptypeobject');
    const before = layout('3.11', { structs: [pyObject, pyVarObject, typeObject(32, []), heapType(32)] });
    const after = layout('3.12', { structs: [pyObject, pyVarObject, typeObject(40, [field('tp_watched', 32, 1, 'unsigned char')]), heapType(40)] });
    expect(diffLayouts(before, after).changes).toEqual<LayoutChange[]>([
      { kind: 'struct-resized', struct: 'PyHeapTypeObject', old: 40, new: 48 },
      { kind: 'field-resized', struct: 'PyHeapTypeObject', field: 'ht_type', old: 32, new: 40 },
      { kind: 'field-moved', struct: 'PyHeapTypeObject', field: 'as_async', old: { offset: 32 }, new: { offset: 40 } },
      { kind: 'struct-resized', struct: 'PyTypeObject', old: 32, new: 40 },
      { kind: 'field-added', struct: 'PyTypeObject', field: { name: 'tp_watched', offset: 32, size: 1, type: 'unsigned char' } },
    ]);
  });

  it('tells a bit-field that moved inside its unit, and one that took another’s bits', () => {
    const bits = (names: string[]) =>
      struct('PyASCIIObject', 8, [field('state', 0, 4, 'struct {...}'), ...names.map((n, i) => field(`state.${n}`, 0, 4, 'unsigned int', { bit_offset: i, bit_width: 1 }))]);
    const diff = diffLayouts(layout('1', { structs: [bits(['compact', 'ascii', 'ready'])] }), layout('2', { structs: [bits(['ascii', 'compact', 'statically_allocated'])] }));
    expect(diff.changes).toEqual<LayoutChange[]>([
      { kind: 'field-moved', struct: 'PyASCIIObject', field: 'state.compact', old: { offset: 0, bit_offset: 0 }, new: { offset: 0, bit_offset: 1 } },
      { kind: 'field-moved', struct: 'PyASCIIObject', field: 'state.ascii', old: { offset: 0, bit_offset: 1 }, new: { offset: 0, bit_offset: 0 } },
      {
        kind: 'field-replaced',
        struct: 'PyASCIIObject',
        old: [{ name: 'state.ready', offset: 0, size: 4, type: 'unsigned int', bit_offset: 2, bit_width: 1 }],
        new: [{ name: 'state.statically_allocated', offset: 0, size: 4, type: 'unsigned int', bit_offset: 2, bit_width: 1 }],
      },
    ]);
  });

  it('compares constants by value and type, whether a value is a number or a string', () => {
    const constant = (name: string, value: number | string, type = 'int') => ({ name, value, type, kind: 'macro' as const, file: 'x.h', line: 1, expansion: String(value) });
    const diff = diffLayouts(
      layout('1', { constants: [constant('A', 1), constant('B', 2), constant('HUGE', '18446744073709551615', 'unsigned long'), constant('T', 3)] }),
      layout('2', { constants: [constant('B', 5), constant('C', -1), constant('HUGE', '18446744073709551615', 'unsigned long'), constant('T', 3, 'long')] }),
    );
    expect(diff.changes).toEqual<LayoutChange[]>([
      { kind: 'constant-removed', name: 'A', value: 1, type: 'int' },
      { kind: 'constant-changed', name: 'B', old: { value: 2, type: 'int' }, new: { value: 5, type: 'int' } },
      { kind: 'constant-added', name: 'C', value: -1, type: 'int' },
      { kind: 'constant-changed', name: 'T', old: { value: 3, type: 'int' }, new: { value: 3, type: 'long' } },
    ]);
  });

  it('compares functions by declaration and data by type', () => {
    const fn = (name: string, returns: string, params: string[]) => ({ name, returns, params: params.map((type) => ({ name: null, type })), variadic: false, file: 'x.h', line: 1 });
    const datum = (name: string, type: string) => ({ name, type, file: 'x.h', line: 1 });
    const diff = diffLayouts(
      layout('1', { functions: [fn('F', 'int', []), fn('G', 'PyObject *', ['long'])], data: [datum('D', 'int'), datum('E', 'PyTypeObject')] }),
      layout('2', { functions: [fn('G', 'PyObject *', ['long long']), fn('H', 'void', ['PyObject *'])], data: [datum('D', 'long')] }),
    );
    expect(diff.changes).toEqual<LayoutChange[]>([
      { kind: 'function-removed', name: 'F', declaration: 'int F(void)' },
      { kind: 'function-changed', name: 'G', old: 'PyObject *G(long)', new: 'PyObject *G(long long)' },
      { kind: 'function-added', name: 'H', declaration: 'void H(PyObject *)' },
      { kind: 'data-retyped', name: 'D', old: 'int', new: 'long' },
      { kind: 'data-removed', name: 'E', type: 'PyTypeObject' },
    ]);
    expect(diff.summary).toMatchObject({ 'function-added': 1, 'function-removed': 1, 'function-changed': 1, 'data-removed': 1, 'data-retyped': 1, 'struct-added': 0 });
  });
});

describe('renderings', () => {
  const before = layout('3.11.7', { structs: [pyObject, struct('T', 8, [field('a', 0, 4, 'int')])], constants: [] });
  const after = layout('3.12.1', { structs: [pyObject, struct('T', 16, [field('a', 8, 4, 'int')])], constants: [] });
  const diff = diffLayouts(before, after, { from: 'old.json', to: '3.12' });

  it('prints one line a change, grouped by struct', () => {
    expect(diffText(diff)).toBe(
      [
        '--- Python 3.11.7 on x86_64-linux-gnu (old.json)',
        '+++ Python 3.12.1 on x86_64-linux-gnu (3.12)',
        'structs: 0 added, 0 removed, 1 changed (1 field change)',
        'constants: 0 added, 0 removed, 0 changed',
        'functions: 0 added, 0 removed, 0 changed',
        'data: 0 added, 0 removed, 0 retyped',
        '',
        'struct T:',
        '  resized   size 8 -> 16',
        '  moved     a: 0 -> 8',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON that reads back as the same diff', () => {
    expect(JSON.parse(diffJsonText(diff))).toEqual(diff);
  });
});
