// The layout report of every installed Python against the real tools: layout.json validates
// against its schema, every struct, field and constant agrees with gcc, every symbol's C type is
// one gcc finds compatible with the declaration, and the holes and padding are those pahole finds
// in an object built with `gcc -g` from the same headers.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { entryHeaders, generate } from '../src/generate.js';
import type { LayoutJson } from '../src/report/index.js';
import { findPythons, gccConstants, gccLayouts, printPythons } from './oracle/index.js';
import { cTypeOf, gccMemberFacts, gccSymbolTypeMismatches, paholeRecords } from './report-oracle.js';

const selection = findPythons();
printPythons(selection);

const schema = JSON.parse(readFileSync(new URL('../schema/layout.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** The C type gcc gives a constant, spelled the way layout.json promises (LP64). */
function integerTypeName(size: number, signed: boolean): string {
  const name = { 1: 'char', 2: 'short', 4: 'int', 8: 'long', 16: '__int128' }[size] ?? `?${size}`;
  return signed ? (name === 'char' ? 'signed char' : name) : `unsigned ${name}`;
}

/** pahole reports these for every Python; the issue names them. */
const paholeRequired = ['PyTypeObject', 'PyASCIIObject', 'PyHeapTypeObject', 'PyModuleDef'];

describe.each(selection.found.map((install) => ({ install, label: `${install.version} ${install.includeDirs[0]}` })))('layout report for $label', ({ install }) => {
  let layout: LayoutJson;

  it('writes layout.json, layout.html and layout.md, and the JSON validates against the schema', () => {
    const result = generate({ python: install.shortVersion, includeDirs: install.includeDirs });
    const paths = result.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['layout.json', 'layout.html', 'layout.md']));
    layout = JSON.parse(result.files.find((f) => f.path === 'layout.json')!.contents);
    expect(validate(layout), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    expect(layout.python).toMatchObject({ version: install.version, hexversion: install.hexversion, include_dirs: install.includeDirs });
    expect(layout.structs.map((s) => s.name)).toEqual(expect.arrayContaining(paholeRequired));
  });

  it('has every struct size, alignment and field offset, size, alignment and bit position that gcc computes', async () => {
    const [gcc, members] = await Promise.all([
      gccLayouts(
        install,
        [],
        entryHeaders,
        layout.structs.map((s) => ({
          cType: cTypeOf(s),
          members: s.fields.filter((f) => f.bit_width === undefined).map((f) => f.name),
          bitfields: s.fields.filter((f) => f.bit_width !== undefined).map((f) => f.name),
        })),
      ),
      gccMemberFacts(install, entryHeaders, layout),
    ]);
    expect(members.rejected).toEqual([]);
    const wrong: string[] = [];
    let checked = 0;
    for (const s of layout.structs) {
      const g = gcc.get(cTypeOf(s));
      if (g?.kind !== 'layout') {
        wrong.push(`${s.name}: gcc cannot lay it out: ${g?.error ?? 'not asked'}`);
        continue;
      }
      if (g.size !== s.size || g.align !== s.align) wrong.push(`${s.name}: gcc size ${g.size} align ${g.align}, layout.json ${s.size} ${s.align}`);
      for (const f of s.fields) {
        checked++;
        if (f.bit_width !== undefined) {
          const bits = g.bitfields.get(f.name);
          const got = f.offset * 8 + f.bit_offset!;
          if (bits?.bitOffset !== got || bits.width !== f.bit_width) wrong.push(`${s.name}.${f.name}: gcc bits ${bits?.bitOffset}:${bits?.width}, layout.json ${got}:${f.bit_width}`);
          continue;
        }
        const facts = members.facts.get(`${s.name}.${f.name}`);
        const offset = g.offsets.get(f.name);
        if (offset !== f.offset || facts?.size !== f.size || facts.align !== f.align) {
          wrong.push(`${s.name}.${f.name}: gcc offset ${offset} size ${facts?.size} align ${facts?.align}, layout.json ${f.offset} ${f.size} ${f.align}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    console.log(`${install.version}: ${layout.structs.length} structs and ${checked} fields agree with gcc`);
  });

  it('has every constant value and type that gcc computes', async () => {
    const gcc = await gccConstants(install, [], entryHeaders, layout.constants.map((c) => c.name));
    const wrong: string[] = [];
    for (const c of layout.constants) {
      const g = gcc.get(c.name);
      if (g?.kind !== 'integer') wrong.push(`${c.name}: gcc says it is not an integer constant`);
      else if (BigInt(c.value) !== g.value || c.type !== integerTypeName(g.size, g.signed)) wrong.push(`${c.name}: gcc ${g.value} ${integerTypeName(g.size, g.signed)}, layout.json ${c.value} ${c.type}`);
      else if (typeof c.value === 'string' && Number.isSafeInteger(Number(c.value))) wrong.push(`${c.name}: ${c.value} is JSON-safe but written as a string`);
    }
    expect(wrong).toEqual([]);
    console.log(`${install.version}: ${layout.constants.length} constants agree with gcc`);
  });

  it('spells every function and data symbol with a type gcc finds compatible with its declaration', async () => {
    expect(await gccSymbolTypeMismatches(install, entryHeaders, layout)).toEqual([]);
    console.log(`${install.version}: ${layout.functions.length} functions and ${layout.data.length} data symbols agree with gcc`);
  });

  it('has the holes and tail padding that pahole finds', async () => {
    const pahole = await paholeRecords(install, entryHeaders, layout);
    expect(paholeRequired.filter((name) => !pahole.has(name))).toEqual([]);
    const wrong: string[] = [];
    for (const s of layout.structs) {
      const p = pahole.get(s.name);
      if (!p) continue;
      const ours = { holes: s.holes, padding: p.padding === undefined ? 'not reported' : s.tail_padding };
      const theirs = { holes: p.holes, padding: p.padding ?? 'not reported' };
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) wrong.push(`${s.name}: pahole ${JSON.stringify(theirs)}, layout.json ${JSON.stringify(ours)}`);
      if (p.summary && (p.summary.holes !== s.holes.length || p.summary.sumHoles !== s.holes.reduce((n, h) => n + h.size, 0))) {
        wrong.push(`${s.name}: pahole counts ${p.summary.holes} holes of ${p.summary.sumHoles} bytes`);
      }
    }
    expect(wrong).toEqual([]);
    const unseen = layout.structs.filter((s) => !pahole.has(s.name)).map((s) => s.name);
    console.log(`${install.version}: holes and padding of ${pahole.size} of ${layout.structs.length} structs agree with pahole${unseen.length ? ` (pahole does not list ${unseen.join(', ')})` : ''}`);
  });
});
