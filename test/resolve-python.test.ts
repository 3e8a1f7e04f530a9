// The real headers of every Python on this machine: parse and resolve Python.h, then check every
// complete named record's size, every named member's offset, every bit-field's bits, every sized
// typedef and every enum constant against gcc compiling the same headers (one probe per version).
// The input comes from our preprocess stage, and again from gcc -E, which lays text out otherwise.

import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/index.js';
import { resolve } from '../src/resolve/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import { findInstalledPythons } from '../src/locate/index.js';
import { preprocess } from '../src/preprocess/index.js';
import type { Preprocessed, PythonInstall } from '../src/types.js';
import { preprocessedByGcc } from './parse-input.js';
import { differences, layoutProbe, runProbe } from './resolve-probe.js';

const pythons = findInstalledPythons();
const label = (python: PythonInstall) => `${python.version} (${python.foundBy})`;
console.log(`Python headers found: ${pythons.map((p) => `${label(p)} in ${p.includeDirs.join(' + ')}`).join(', ') || 'none'}`);

describe('Python.h layouts against gcc', () => {
  it('finds Python headers on this machine', () => {
    expect(pythons.length).toBeGreaterThan(0);
  });

  const inputs: Record<string, (python: PythonInstall) => Preprocessed> = {
    'preprocess()': (python) => {
      const pp = preprocess({ install: python, target: x86_64LinuxGnu, entryHeaders: ['Python.h'], defines: [] });
      expect(pp.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return pp;
    },
    'gcc -E': (python) => preprocessedByGcc('#include <Python.h>\n', python.includeDirs, python.includeDirs),
  };
  const cases = pythons.flatMap((python) => Object.keys(inputs).map((input) => [label(python), input, python] as const));

  it.each(cases)('%s through %s', (_label, input, python) => {
    const pp = inputs[input]!(python);
    const decls = parse(pp);
    const resolved = resolve(decls, x86_64LinuxGnu);
    const errors = [...decls.diagnostics, ...resolved.diagnostics].filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);

    const isOwnFile = (file: string) => python.includeDirs.some((dir) => file.startsWith(`${dir}/`));
    const probe = layoutProbe(decls, resolved, x86_64LinuxGnu, { isOwnFile });
    const gcc = runProbe(probe, '#include <Python.h>', python.includeDirs);
    expect(differences(probe.expected, gcc)).toEqual([]);
    const records = resolved.records.filter((r) => r.complete && (r.tag !== undefined || r.typedefNames.length > 0) && isOwnFile(r.origin.file));
    console.log(`${label(python)} through ${input}: ${records.length} named records, ${probe.expected.size} facts checked against gcc`);
    expect(records.length).toBeGreaterThan(50);
    if (input === 'preprocess()') {
      const heads = records.flatMap((r) => r.fields.filter((f) => f.fromMacro === 'PyObject_HEAD'));
      expect(heads.length).toBeGreaterThan(10);
    }
  });
});
