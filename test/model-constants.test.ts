import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalEnv, TypeInfo } from '../src/cexpr/index.js';
import { enumConstantModels, evaluateMacroConstants, nasmLiteral } from '../src/model/constants.js';
import type { EnumConstantValue, IntegerValue, MacroDefinition } from '../src/types.js';

const include = '/py/include/python3.12';
const isPythonHeader = (file: string) => file.startsWith(`${include}/`);

/** A stand-in for the resolver: a few type names and one enum constant. */
const types: Record<string, TypeInfo> = {
  'size_t': { size: 8, align: 8, integer: true, signed: false, pointer: false },
  'Py_ssize_t': { size: 8, align: 8, integer: true, signed: true, pointer: false },
  'int': { size: 4, align: 4, integer: true, signed: true, pointer: false },
  'unsigned long': { size: 8, align: 8, integer: true, signed: false, pointer: false },
  'void *': { size: 8, align: 8, integer: false, signed: false, pointer: true },
  'PyObject *': { size: 8, align: 8, integer: false, signed: false, pointer: true },
};
const env: EvalEnv = {
  mode: 'typed',
  identifier: (name) => (name === 'PyUnicode_4BYTE_KIND' ? { value: 4n, size: 4, signed: true } : undefined),
  typeName: (tokens) => types[tokens.join(' ')],
  offsetOf: () => undefined,
};

let line = 0;
function macro(name: string, body: string, more: Partial<MacroDefinition> = {}): MacroDefinition {
  return {
    name,
    functionLike: false,
    params: [],
    variadic: false,
    body,
    origin: { file: `${include}/object.h`, line: ++line },
    source: 'header',
    ...more,
  };
}

describe('nasmLiteral', () => {
  const cases: [IntegerValue, string][] = [
    [{ value: 0n, size: 4, signed: true }, '0'],
    [{ value: -1n, size: 4, signed: true }, '-1'],
    [{ value: 65535n, size: 4, signed: true }, '65535'],
    [{ value: -65535n, size: 4, signed: true }, '-65535'],
    [{ value: 65536n, size: 4, signed: true }, '0x00010000'],
    [{ value: -65536n, size: 8, signed: true }, '-0x00010000'],
    [{ value: 0x80000000n, size: 4, signed: false }, '0x80000000'],
    [{ value: 0x100000000n, size: 8, signed: true }, '0x0000000100000000'],
    [{ value: 0xffffffffffffffffn, size: 8, signed: false }, '0xffffffffffffffff'],
    [{ value: -(1n << 63n), size: 8, signed: true }, '-0x8000000000000000'],
  ];
  it.each(cases)('%o → %s', (value, want) => expect(nasmLiteral(value)).toBe(want));

  it.skipIf(spawnSync('nasm', ['-v']).status !== 0)('nasm reads every literal back as the value’s 64-bit pattern', () => {
    const values = [
      0n, 1n, -1n, 65535n, 65536n, -65536n, 0x7fffffffn, -0x80000000n, 0x80000000n, 0xffffffffn, 0x100000000n,
      (1n << 63n) - 1n, -(1n << 63n), 1n << 63n, (1n << 64n) - 1n, -(1n << 63n) + 1n, 0x123456789abcdefn,
    ];
    const directory = mkdtempSync(join(tmpdir(), 'nasm-literals-'));
    try {
      const source = values.map((v) => `dq ${nasmLiteral({ value: v, size: 8, signed: v < 0n })}\nX${values.indexOf(v)} equ ${nasmLiteral({ value: v, size: 8, signed: v < 0n })}\ndq X${values.indexOf(v)}`).join('\n');
      writeFileSync(join(directory, 'l.asm'), `${source}\n`);
      const nasm = spawnSync('nasm', ['-f', 'bin', '-w+all', '-o', join(directory, 'l.bin'), join(directory, 'l.asm')], { encoding: 'utf8' });
      expect(nasm.stderr).toBe('');
      const bytes = readFileSync(join(directory, 'l.bin'));
      const read = values.flatMap((_, i) => [bytes.readBigUInt64LE(16 * i), bytes.readBigUInt64LE(16 * i + 8)]);
      expect(read).toEqual(values.flatMap((v) => [BigInt.asUintN(64, v), BigInt.asUintN(64, v)]));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('evaluateMacroConstants', () => {
  it('keeps integer constants of Python headers, with value, literal, body and origin', () => {
    const macros = [
      macro('Py_TPFLAGS_HEAPTYPE', '(1UL << 9)', { expansion: ['(', '1UL', '<<', '9', ')'] }),
      macro('PY_SSIZE_T_MAX', '((Py_ssize_t)(((size_t)-1)>>1))'),
      macro('PY_VECTORCALL_ARGUMENTS_OFFSET', '((size_t)1 << (8 * sizeof(size_t) - 1))'),
      macro('Py_INVALID', '(-1)'),
      macro('KIND', 'PyUnicode_4BYTE_KIND', { expansion: ['PyUnicode_4BYTE_KIND'] }),
      macro('Py_LT', '0'),
      macro('CHAR', "'A'"),
      macro('HUGE', '(0xffffffffffffffff)'),
      macro('MIN', '(-0x7fffffffffffffffL - 1)'),
    ];
    const { constants, diagnostics } = evaluateMacroConstants(macros, env, isPythonHeader);
    expect(diagnostics).toEqual([]);
    expect(constants.map((c) => [c.name, c.value, c.literal])).toEqual([
      ['Py_TPFLAGS_HEAPTYPE', { value: 512n, size: 8, signed: false }, '512'],
      ['PY_SSIZE_T_MAX', { value: (1n << 63n) - 1n, size: 8, signed: true }, '0x7fffffffffffffff'],
      ['PY_VECTORCALL_ARGUMENTS_OFFSET', { value: 1n << 63n, size: 8, signed: false }, '0x8000000000000000'],
      ['Py_INVALID', { value: -1n, size: 4, signed: true }, '-1'],
      ['KIND', { value: 4n, size: 4, signed: true }, '4'],
      ['Py_LT', { value: 0n, size: 4, signed: true }, '0'],
      ['CHAR', { value: 65n, size: 4, signed: true }, '65'],
      ['HUGE', { value: (1n << 64n) - 1n, size: 8, signed: false }, '0xffffffffffffffff'],
      ['MIN', { value: -(1n << 63n), size: 8, signed: true }, '-0x8000000000000000'],
    ]);
    expect(constants[0]).toMatchObject({ kind: 'macro', expansion: '(1UL << 9)', origin: macros[0]!.origin });
  });

  it('uses the expansion rather than the body when there is one', () => {
    const { constants } = evaluateMacroConstants([macro('FLAGS', 'A | B', { expansion: ['1', '|', '2'] })], env, isPythonHeader);
    expect(constants.map((c) => [c.value.value, c.expansion])).toEqual([[3n, 'A | B']]);
  });

  it('skips what is not an integer constant, or not of a Python header, without a word', () => {
    const macros = [
      macro('EMPTY', '', { expansion: [] }),
      macro('Py_PYTHON_H', ''),
      macro('PY_VERSION', '"3.12.1"'),
      macro('Py_HUGE_VAL', '1e500'),
      macro('RATIO', '(1.5 * 2)'),
      macro('Py_None', '(&_Py_NoneStruct)'),
      macro('NULLPTR', '((void *)0)'),
      macro('OBJ', '((PyObject *) 0)'),
      macro('PY_LONG_LONG', 'long long'),
      macro('PyAPI_FUNC', 'RTYPE', { functionLike: true, params: ['RTYPE'] }),
      macro('Py_DEPRECATED', '__attribute__((__deprecated__))'),
      macro('UNKNOWN', '(FOO + 1)'),
      macro('SYSTEM', '1', { origin: { file: '/usr/include/limits.h', line: 1 } }),
      macro('PREDEFINED', '1', { source: 'predefined', origin: undefined }),
      macro('CMDLINE', '1', { source: 'command-line', origin: undefined }),
    ];
    expect(evaluateMacroConstants(macros, env, isPythonHeader)).toEqual({ constants: [], diagnostics: [] });
  });

  it('warns about arithmetic that fails, and values NASM cannot hold', () => {
    const macros = [
      macro('BAD_DIVISION', '(1 / 0)'),
      macro('BAD_SHIFT', '(1 >> -1)'),
      macro('TOO_WIDE', '(18446744073709551615 + 18446744073709551615)'),
    ];
    const { constants, diagnostics } = evaluateMacroConstants(macros, env, isPythonHeader);
    expect(constants).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.origin?.line, d.message])).toEqual([
      ['GI5001', 'warning', macros[0]!.origin!.line, 'constant BAD_DIVISION could not be evaluated: division by zero'],
      ['GI5001', 'warning', macros[1]!.origin!.line, 'constant BAD_SHIFT could not be evaluated: negative shift count'],
      ['GI5001', 'warning', macros[2]!.origin!.line, 'constant TOO_WIDE could not be evaluated: the value does not fit in 64 bits'],
    ]);
  });
});

describe('enumConstantModels', () => {
  // Types as gcc gives them (checked with sizeof and (__typeof__(E))-1 < 0):
  // enum { A = -1, B = 0x80000000 }: A int, B long; enum { C = 0x100000000, C2 = 1 }: C unsigned long,
  // C2 int; enum { D = 0x80000000, D2 = 1 }: D unsigned int, D2 int.
  const origin = { file: `${include}/e.h`, line: 1 };
  const constants: EnumConstantValue[] = [
    { name: 'A', value: -1n, enumId: 0, origin },
    { name: 'B', value: 0x80000000n, enumId: 0, origin },
    { name: 'C', value: 0x100000000n, enumId: 1, origin },
    { name: 'C2', value: 1n, enumId: 1, origin },
    { name: 'D', value: 0x80000000n, enumId: 2, origin },
    { name: 'D2', value: 1n, enumId: 2, origin },
    { name: 'ELSEWHERE', value: 1n, enumId: 3, origin: { file: '/usr/include/x.h', line: 1 } },
  ];
  it('types each constant as gcc does and skips other headers', () => {
    expect(enumConstantModels(constants, isPythonHeader).map((c) => [c.name, c.value.size, c.value.signed, c.literal, c.kind])).toEqual([
      ['A', 4, true, '-1', 'enum'],
      ['B', 8, true, '0x80000000', 'enum'],
      ['C', 8, false, '0x0000000100000000', 'enum'],
      ['C2', 4, true, '1', 'enum'],
      ['D', 4, false, '0x80000000', 'enum'],
      ['D2', 4, true, '1', 'enum'],
    ]);
  });
});
