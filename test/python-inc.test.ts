// The real tools are the oracle: for every Python installed here, and for its trace-refs, debug,
// limited-API (that of 3.6) and (3.13) free-threaded flavours, every offset, size and constant of
// the generated python.inc — as NASM itself reads them — must equal what gcc computes from the
// same headers, the include must cover every struct, integer macro, enum constant and symbol gcc
// sees, and a module written in the classic hand-written style must assemble against it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MacroOption } from '../src/types.js';
import { entryHeaders, generate, type GenerateResult } from '../src/generate.js';
import { flavourDefines } from '../src/flavour.js';
import { findPythons, gccConstants, gccExpansions, gccInventory, gccLayouts, printPythons } from './oracle/index.js';
import { nasmAssemble, nasmValues } from './support/nasm.js';

const selection = findPythons();
printPythons(selection);
const pythons = selection.found;

interface Flavour {
  name: string;
  defines: MacroOption[];
  applies: (shortVersion: string) => boolean;
  /** the free-threaded PyObject has no ob_refcnt: C code that names it does not compile either */
  classicStyle: boolean;
  /** the limited API hides most structs (PyTypeObject and the rest are opaque) */
  minimumStructs?: number;
}

const minor = (short: string) => Number(short.split('.')[1]);
const flavours: Flavour[] = [
  { name: 'default', defines: [], applies: () => true, classicStyle: true },
  { name: 'trace-refs', defines: flavourDefines({ traceRefs: true }), applies: () => true, classicStyle: true },
  { name: 'free-threaded', defines: flavourDefines({ freeThreaded: true }), applies: (v) => minor(v) >= 13, classicStyle: false },
  { name: 'debug', defines: flavourDefines({ debug: true }), applies: () => true, classicStyle: true },
  { name: 'limited-api 3.6', defines: flavourDefines({ limitedApi: '3.6' }), applies: () => true, classicStyle: true, minimumStructs: 10 },
];

const cases = pythons.flatMap((install) =>
  flavours.filter((f) => f.applies(install.shortVersion)).map((flavour) => ({ install, flavour, label: `${install.version} ${install.includeDirs[0]} ${flavour.name}` })),
);

const classic = readFileSync(new URL('./fixtures/classic/classic.asm', import.meta.url), 'utf8');

function asBits64(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}

describe.each(cases)('python.inc for $label', ({ install, flavour }) => {
  let result: GenerateResult;
  let includeText: string;
  const gccDefines = flavour.defines.map((d) => (d.kind === 'define' ? `-D${d.name}=${d.value}` : `-U${d.name}`));

  it('is generated', () => {
    result = generate({ python: install.shortVersion, includeDirs: install.includeDirs, defines: flavour.defines });
    includeText = result.files.find((f) => f.path === 'python.inc')!.contents;
    expect(result.model.structs.length).toBeGreaterThan(flavour.minimumStructs ?? 50);
    expect(result.model.constants.length).toBeGreaterThan(200);
    expect(result.model.externs.length).toBeGreaterThan(500);
  });

  it('has every struct offset, size and bit-field position that gcc computes, as NASM reads them', async () => {
    const structs = result.model.structs;
    const gcc = await gccLayouts(
      install,
      gccDefines,
      entryHeaders,
      structs.map((s) => ({
        cType: s.cName,
        members: s.members.filter((m) => m.width === undefined).map((m) => m.name),
        bitfields: s.members.filter((m) => m.width !== undefined).map((m) => m.name),
      })),
    );
    const expressions: { expr: string; want: bigint; what: string }[] = [];
    for (const s of structs) {
      const layout = gcc.get(s.cName);
      if (layout?.kind !== 'layout') throw new Error(`gcc cannot lay out ${s.cName}: ${layout?.error ?? 'not asked'}`);
      expressions.push({ expr: `${s.name}_size`, want: BigInt(layout.size), what: `sizeof(${s.cName})` });
      for (const m of s.members) {
        if (m.width === undefined) {
          const offset = layout.offsets.get(m.name);
          expect(offset, `gcc has offsetof(${s.cName}, ${m.name})`).toBeDefined();
          expressions.push({ expr: `${s.name}.${m.name}`, want: BigInt(offset!), what: `offsetof(${s.cName}, ${m.name})` });
        } else {
          const bits = layout.bitfields.get(m.name);
          expect(bits, `gcc has bit-field ${s.cName}.${m.name}`).toBeDefined();
          expressions.push({ expr: `${s.name}.${m.name} * 8 + ${s.name}.${m.name}.bit`, want: BigInt(bits!.bitOffset), what: `bit offset of ${s.cName}.${m.name}` });
          expressions.push({ expr: `${s.name}.${m.name}.width`, want: BigInt(bits!.width), what: `width of ${s.cName}.${m.name}` });
        }
      }
    }
    const got = await nasmValues(includeText, expressions.map((e) => e.expr));
    const wrong = expressions.flatMap((e, i) => (got[i] === e.want ? [] : [`${e.what}: gcc ${e.want}, python.inc ${got[i]}`]));
    expect(wrong).toEqual([]);
    console.log(`${install.version} ${flavour.name}: ${expressions.length} struct numbers agree with gcc (${structs.length} structs)`);
  });

  it('has every constant that gcc computes, as NASM reads it', async () => {
    const constants = result.model.constants;
    const gcc = await gccConstants(install, gccDefines, entryHeaders, constants.map((c) => c.name));
    const got = await nasmValues(includeText, constants.map((c) => c.name));
    const wrong: string[] = [];
    constants.forEach((c, i) => {
      const g = gcc.get(c.name);
      if (!g || g.kind !== 'integer') wrong.push(`${c.name}: gcc says it is not an integer constant`);
      else if (got[i] !== asBits64(g.value)) wrong.push(`${c.name}: gcc ${g.value}, python.inc ${got[i]}`);
      else if (c.value.value !== g.value) wrong.push(`${c.name}: gcc ${g.value}, model ${c.value.value}`);
    });
    expect(wrong).toEqual([]);
    console.log(`${install.version} ${flavour.name}: ${constants.length} constants agree with gcc`);
  });

  it('covers every complete named struct, integer macro, enum constant and symbol gcc sees', async () => {
    const inventory = await gccInventory(install, gccDefines, entryHeaders);
    const structNames = new Set(result.model.structs.flatMap((s) => [s.cName, s.name, ...s.aliases]));
    const constantNames = new Set(result.model.constants.map((c) => c.name));
    const externNames = new Set(result.model.externs.map((e) => e.name));
    const missing = {
      structs: inventory.records.filter((r) => r.complete && !structNames.has(r.name)).map((r) => r.name),
      integerMacros: inventory.integerMacros.filter((n) => !constantNames.has(n)),
      enumConstants: inventory.enumConstants.filter((n) => !constantNames.has(n)),
      functions: inventory.functions.filter((n) => !externNames.has(n)),
      data: inventory.data.filter((n) => !externNames.has(n)),
    };
    expect(missing).toEqual({ structs: [], integerMacros: [], enumConstants: [], functions: [], data: [] });
    console.log(
      `${install.version} ${flavour.name}: covers ${inventory.records.filter((r) => r.complete).length} records, ` +
        `${inventory.integerMacros.length} integer macros, ${inventory.enumConstants.length} enum constants, ` +
        `${inventory.functions.length} functions, ${inventory.data.length} data objects`,
    );
  });

  it('renames exactly the symbols whose macros gcc expands to another declared symbol', async () => {
    const aliases = result.model.aliases;
    const gcc = await gccExpansions(install, gccDefines, entryHeaders, aliases.map((a) => a.name));
    const wrong = aliases.flatMap((a) => (gcc.get(a.name)?.replace(/[()\s]/g, '') === a.target ? [] : [`${a.name}: gcc ${gcc.get(a.name)}, python.inc ${a.target}`]));
    expect(wrong).toEqual([]);
  });

  it('declares only symbols that gcc sees declared', async () => {
    const inventory = await gccInventory(install, gccDefines, entryHeaders);
    const declared = new Set([...inventory.functions, ...inventory.data]);
    expect(result.model.externs.filter((e) => !declared.has(e.name)).map((e) => e.name)).toEqual([]);
  });

  if (flavour.classicStyle) {
    it('assembles a module written in the classic hand-written style', async () => {
      await expect(nasmAssemble(includeText, classic, 'classic.asm')).resolves.toBeUndefined();
    });
    return;
  }
  it('has no PyObject.ob_refcnt, so the classic style (which names it) cannot assemble', async () => {
    expect(result.model.structs.find((s) => s.name === 'PyObject')?.members.map((m) => m.name)).not.toContain('ob_refcnt');
    await expect(nasmAssemble(includeText, classic, 'classic.asm')).rejects.toThrow(/PyObject\.ob_refcnt' not defined/);
  });
});
