// gen-inc diff on real Pythons, 3.11 → 3.12 → 3.13, with gcc as the oracle: every struct resize,
// field move, addition and removal the diff reports is what gcc computes from each side's headers,
// and the changes the headers are known for are there. Then the command itself: exit codes, text
// and JSON output, versions generated on the fly.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHeaders, generate } from '../src/generate.js';
import { diffLayouts, type LayoutChange, type LayoutDiff } from '../src/diff/index.js';
import type { LayoutJson } from '../src/report/index.js';
import type { PythonInstall } from '../src/types.js';
import { findPythons, gccLayouts, type GccLayout } from './oracle/index.js';
import { cTypeOf } from './report-oracle.js';

const installed = findPythons().found;
const byShort = (short: string) => installed.find((p) => p.shortVersion === short && p.foundBy === 'pyenv') ?? installed.find((p) => p.shortVersion === short);
const [py311, py312, py313] = [byShort('3.11'), byShort('3.12'), byShort('3.13')];

const layouts = new Map<PythonInstall, LayoutJson>();
function layoutOf(install: PythonInstall): LayoutJson {
  let layout = layouts.get(install);
  if (!layout) {
    const files = generate({ python: install.shortVersion, includeDirs: install.includeDirs }).files;
    layout = JSON.parse(files.find((f) => f.path === 'layout.json')!.contents) as LayoutJson;
    layouts.set(install, layout);
  }
  return layout;
}

/** gcc's answer for each (struct, field path) the diff mentions, on one side. */
async function gccSide(install: PythonInstall, layout: LayoutJson, changes: LayoutChange[]): Promise<Map<string, GccLayout>> {
  const paths = new Map<string, Set<string>>();
  for (const c of changes) {
    if (!('struct' in c)) continue;
    const set = paths.get(c.struct) ?? new Set<string>();
    for (const f of changedFields(c)) set.add(f);
    paths.set(c.struct, set);
  }
  const queries = [...paths].flatMap(([name, fields]) => {
    const s = layout.structs.find((x) => x.name === name);
    return s ? [{ cType: cTypeOf(s), members: [...fields] }] : [];
  });
  const byType = await gccLayouts(install, [], entryHeaders, queries);
  return new Map(layout.structs.flatMap((s) => (byType.has(cTypeOf(s)) ? [[s.name, byType.get(cTypeOf(s))!]] : [])));
}

/** Field paths a change names that are not bit-fields (offsetof cannot take those). */
function changedFields(c: LayoutChange): string[] {
  switch (c.kind) {
    case 'field-added':
    case 'field-removed':
      return c.field.bit_width === undefined ? [c.field.name] : [];
    case 'field-moved':
      return c.old.bit_offset === undefined ? [c.field] : [];
    case 'field-replaced':
    case 'field-renamed':
      return [c.old, c.new].flat().filter((f) => f.bit_width === undefined).map((f) => f.name);
    default:
      return [];
  }
}

/** Checks every struct-level change against gcc on both sides; returns what disagrees and how much was checked. */
async function checkAgainstGcc(from: PythonInstall, to: PythonInstall, diff: LayoutDiff): Promise<{ wrong: string[]; checked: number }> {
  const [old, next] = await Promise.all([gccSide(from, layoutOf(from), diff.changes), gccSide(to, layoutOf(to), diff.changes)]);
  const wrong: string[] = [];
  let checked = 0;
  const offset = (side: Map<string, GccLayout>, struct: string, path: string) => {
    const g = side.get(struct);
    return g?.kind === 'layout' ? g.offsets.get(path) : undefined;
  };
  const expectOffset = (side: Map<string, GccLayout>, which: string, struct: string, path: string, want: number | undefined) => {
    checked++;
    const got = offset(side, struct, path);
    if (got !== want) wrong.push(`${struct}.${path} on the ${which} side: gcc ${got ?? 'has no such member'}, diff says ${want ?? 'none'}`);
  };
  for (const c of diff.changes) {
    if (c.kind === 'struct-resized') {
      checked++;
      const [a, b] = [old.get(c.struct), next.get(c.struct)];
      if (a?.kind !== 'layout' || b?.kind !== 'layout' || a.size !== c.old || b.size !== c.new) wrong.push(`${c.struct}: gcc sizes ${a?.kind === 'layout' ? a.size : '?'} -> ${b?.kind === 'layout' ? b.size : '?'}`);
    } else if (c.kind === 'field-moved' && c.old.bit_offset === undefined) {
      expectOffset(old, 'old', c.struct, c.field, c.old.offset);
      expectOffset(next, 'new', c.struct, c.field, c.new.offset);
    } else if ((c.kind === 'field-added' || c.kind === 'field-removed') && c.field.bit_width === undefined) {
      expectOffset(c.kind === 'field-added' ? next : old, c.kind === 'field-added' ? 'new' : 'old', c.struct, c.field.name, c.field.offset);
      expectOffset(c.kind === 'field-added' ? old : next, c.kind === 'field-added' ? 'old' : 'new', c.struct, c.field.name, undefined);
    } else if (c.kind === 'field-replaced' || c.kind === 'field-renamed') {
      for (const f of [c.old].flat().filter((f) => f.bit_width === undefined)) expectOffset(old, 'old', c.struct, f.name, f.offset);
      for (const f of [c.new].flat().filter((f) => f.bit_width === undefined)) expectOffset(next, 'new', c.struct, f.name, f.offset);
    }
  }
  return { wrong, checked };
}

function itAgreesWithGcc(from: PythonInstall, to: PythonInstall, diff: () => LayoutDiff): void {
  it('agrees with gcc on every resize, move, addition and removal it reports', async () => {
    const { wrong, checked } = await checkAgainstGcc(from, to, diff());
    expect(wrong).toEqual([]);
    console.log(`${from.version} -> ${to.version}: ${diff().changes.length} changes, ${checked} of their offsets and sizes checked against gcc`);
  });
}

async function gccOffset(install: PythonInstall, cType: string, member: string): Promise<{ size: number; offset?: number }> {
  const g = (await gccLayouts(install, [], entryHeaders, [{ cType, members: [member] }])).get(cType)!;
  if (g.kind !== 'layout') throw new Error(`gcc cannot lay out ${cType}: ${g.error}`);
  return { size: g.size, ...(g.offsets.has(member) ? { offset: g.offsets.get(member)! } : {}) };
}

describe.skipIf(!py311 || !py312)('gen-inc diff 3.11 -> 3.12', () => {
  let diff: LayoutDiff;
  beforeAll(() => {
    diff = diffLayouts(layoutOf(py311!), layoutOf(py312!));
  });

  itAgreesWithGcc(py311!, py312!, () => diff);

  it('reports tp_watched added to PyTypeObject', async () => {
    const [before, after] = await Promise.all([gccOffset(py311!, 'PyTypeObject', 'tp_watched'), gccOffset(py312!, 'PyTypeObject', 'tp_watched')]);
    expect(before.offset).toBeUndefined();
    const added = diff.changes.find((c) => c.kind === 'field-added' && c.struct === 'PyTypeObject' && c.field.name === 'tp_watched');
    expect(added).toMatchObject({ field: { offset: after.offset, size: 1, type: 'unsigned char' } });
    expect(diff.changes).toContainEqual({ kind: 'struct-resized', struct: 'PyTypeObject', old: before.size, new: after.size });
  });

  it("reports PyLongObject's ob_size replaced by long_value", async () => {
    const [obSize, longValue, gone] = await Promise.all([
      gccOffset(py311!, 'PyLongObject', 'ob_base.ob_size'),
      gccOffset(py312!, 'PyLongObject', 'long_value'),
      gccOffset(py312!, 'PyLongObject', 'ob_base.ob_size'),
    ]);
    expect(gone.offset).toBeUndefined();
    const replaced = diff.changes.filter((c) => c.kind === 'field-replaced' && c.struct === 'PyLongObject');
    expect(replaced).toEqual([
      {
        kind: 'field-replaced',
        struct: 'PyLongObject',
        old: [expect.objectContaining({ name: 'ob_base.ob_size', offset: obSize.offset })],
        new: [expect.objectContaining({ name: 'long_value', offset: longValue.offset, type: '_PyLongValue' })],
      },
    ]);
  });
});

describe.skipIf(!py312 || !py313)('gen-inc diff 3.12 -> 3.13', () => {
  let diff: LayoutDiff;
  beforeAll(() => {
    diff = diffLayouts(layoutOf(py312!), layoutOf(py313!));
  });

  itAgreesWithGcc(py312!, py313!, () => diff);

  it('reports tp_versions_used added to PyTypeObject, and no change to PyLongObject', async () => {
    const [before, after, long312, long313] = await Promise.all([
      gccOffset(py312!, 'PyTypeObject', 'tp_versions_used'),
      gccOffset(py313!, 'PyTypeObject', 'tp_versions_used'),
      gccOffset(py312!, 'PyLongObject', 'long_value'),
      gccOffset(py313!, 'PyLongObject', 'long_value'),
    ]);
    expect(before.offset).toBeUndefined();
    const typeChanges = diff.changes.filter((c) => 'struct' in c && c.struct === 'PyTypeObject');
    expect(typeChanges).toContainEqual({ kind: 'field-added', struct: 'PyTypeObject', field: { name: 'tp_versions_used', offset: after.offset, size: 2, type: 'uint16_t' } });
    expect(typeChanges.some((c) => c.kind === 'struct-resized')).toBe(before.size !== after.size);
    expect([long312, long313].map((g) => [g.size, g.offset])).toEqual([[32, 16], [32, 16]]);
    expect(diff.changes.filter((c) => 'struct' in c && c.struct === 'PyLongObject')).toEqual([]);
  });
});

describe.skipIf(!py312 || !py313)('the gen-inc diff command', () => {
  const cli = new URL('../dist/cli.js', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-diff-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
  const [file312, file313] = [join(dir, '312.json'), join(dir, '313.json')];

  beforeAll(() => {
    writeFileSync(file312, JSON.stringify(layoutOf(py312!)));
    writeFileSync(file313, JSON.stringify(layoutOf(py313!)));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 for identical layouts and 1 for different ones', () => {
    const same = run('diff', file312, file312);
    expect([same.status, same.stdout.trim().split('\n').at(-1)]).toEqual([0, 'no differences']);
    const different = run('diff', file312, file313);
    expect(different.status).toBe(1);
    expect(different.stdout).toMatch(/^struct PyTypeObject:\n {2}added {5}tp_versions_used \(at \d+, 2 bytes, uint16_t\)$/m);
  });

  it('prints JSON with --json', () => {
    const result = run('diff', file312, file313, '--json');
    expect(result.status).toBe(1);
    const diff = JSON.parse(result.stdout) as LayoutDiff;
    expect(diff).toMatchObject({ identical: false, from: { python: py312!.version, source: file312 }, to: { python: py313!.version } });
    expect(diff).toEqual(diffLayouts(layoutOf(py312!), layoutOf(py313!), { from: file312, to: file313 }));
  });

  it('generates a side given as a version', () => {
    const result = run('diff', file313, '3.13', '-q');
    expect([result.status, result.stdout]).toEqual([0, '']);
  });

  it('exits 2 on a usage error or a side it cannot read', () => {
    expect(run('diff', file312).status).toBe(2);
    expect(run('diff', file312, file313, '--bogus').status).toBe(2);
    const missing = run('diff', file312, join(dir, 'missing.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('[GI6101]');
    writeFileSync(join(dir, 'not-layout.json'), '{"structs": 1}');
    const bad = run('diff', join(dir, 'not-layout.json'), file312);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('is not a gen-inc layout.json')]);
  });
});
