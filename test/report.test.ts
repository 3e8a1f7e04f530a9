// The layout report on a hand-made model: holes and padding worked out by hand from the x86-64 ABI,
// the JSON against its schema, HTML escaping, Markdown tables, and golden files of all three.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { emit } from '../src/emit/index.js';
import { buildLayout, layoutRows, structGaps, type LayoutJson } from '../src/report/index.js';
import { reportModel } from './fixtures/report/model.js';

const schema = JSON.parse(readFileSync(new URL('../schema/layout.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const generator = { name: 'gen-inc', version: '0.1.0' };
const files = () => emit(reportModel(), { generator: 'gen-inc 0.1.0', module: 'asm' });
const file = (path: string) => files().find((f) => f.path === path)!.contents;

describe('holes and tail padding', () => {
  const gaps = Object.fromEntries(reportModel().structs.map((s) => [s.name, structGaps(s.members, s.size)]));
  it.each([
    ['PyObject', [], 0],
    ['PyASCIIObject', [], 4],
    ['gi_holes', [{ offset: 1, size: 7 }], 4],
    ['gi_number', [], 0],
    ['gi_big', [{ offset: 60, size: 4 }], 6],
    ['gi_flags', [], 2],
    ['gi_anon', [{ offset: 4, size: 4 }], 0],
  ])('%s', (name, holes, tail) => {
    expect(gaps[name]).toEqual({ holes, tailPadding: tail });
  });

  it('counts only the bytes that hold a bit-field, not its whole unit', () => {
    // struct { unsigned int x:3; char y; }: x in bits 0..2 of byte 0, y at 1; sizeof 4
    const members = [
      { name: 'x', offset: 0, size: 4, bit: 0, width: 3 },
      { name: 'y', offset: 1, size: 1 },
    ];
    expect(structGaps(members, 4)).toEqual({ holes: [], tailPadding: 2 });
  });
});

describe('layout.json', () => {
  const layout = JSON.parse(file('layout.json')) as LayoutJson;

  it('validates against schema/layout.schema.json', () => {
    expect(validate(layout), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('rejects what the schema forbids', () => {
    const bad = structuredClone(layout);
    (bad.structs[0]!.fields[0] as unknown as Record<string, unknown>)['bit_offset'] = 1;
    expect(validate(bad)).toBe(false);
    expect(validate({ ...layout, extra: 1 })).toBe(false);
  });

  it('keeps values outside the JSON-safe integers as decimal strings', () => {
    const value = (name: string) => layout.constants.find((c) => c.name === name)!;
    expect(value('GI_HUGE')).toMatchObject({ value: '18446744073709551615', type: 'unsigned long' });
    expect(value('GI_NEGATIVE')).toMatchObject({ value: -1, type: 'int' });
    expect(value('Py_TPFLAGS_HAVE_GC')).toMatchObject({ value: 16384, type: 'unsigned long', file: 'fixture.h', line: 60 });
  });

  it('sorts by name and carries bit-fields, anonymous members and macros', () => {
    expect(layout.structs.map((s) => s.name)).toEqual(['PyASCIIObject', 'PyObject', 'gi_anon', 'gi_big', 'gi_flags', 'gi_holes', 'gi_number']);
    const ascii = layout.structs[0]!;
    expect(ascii.fields.find((f) => f.name === 'state.kind')).toEqual({ name: 'state.kind', offset: 32, size: 4, align: 4, type: 'unsigned int', bit_offset: 2, bit_width: 3 });
    expect(ascii.fields[0]).toMatchObject({ name: 'ob_base', from_macro: 'PyObject_HEAD' });
    expect(ascii).toMatchObject({ tag: null, file: 'cpython/unicodeobject.h', line: 101, holes: [], tail_padding: 4 });
    expect(layout.structs.find((s) => s.name === 'gi_anon')!.fields[1]).toMatchObject({ name: 'l', via: '(anonymous union)' });
    expect(layout.functions.find((f) => f.name === 'PyArg_ParseTuple')).toEqual({
      name: 'PyArg_ParseTuple',
      returns: 'int',
      params: [
        { name: null, type: 'PyObject *' },
        { name: null, type: 'const char *' },
      ],
      variadic: true,
      file: 'modsupport.h',
      line: 20,
    });
  });

  it('equals buildLayout of the model', () => {
    expect(layout).toEqual(buildLayout(reportModel(), generator));
  });
});

describe('table rows', () => {
  it('marks holes, tail padding and cacheline boundaries where pahole would', () => {
    const big = buildLayout(reportModel(), generator).structs.find((s) => s.name === 'gi_big')!;
    expect(layoutRows(big).map((r) => [r.kind, r.offset])).toEqual([
      ['field', 0],
      ['hole', 60],
      ['cacheline', 64],
      ['field', 64],
      ['field', 72],
      ['padding', 74],
    ]);
  });
});

describe('the written files', () => {
  it('are byte-for-byte the same on every run', () => {
    expect(files()).toEqual(files());
  });

  it('escape HTML and load nothing from outside', () => {
    const html = file('layout.html');
    expect(html).toContain('( 1 | 2 ) &lt; 4 &amp;&amp; &quot;&lt;b&gt;&quot;');
    expect(html).not.toContain('"<b>"');
    expect(html).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=|url\(|@import|https?:\/\//);
    expect(html).toContain('--- cacheline 1 boundary (64 bytes) ---');
    expect(html).toContain('hole: 7 bytes');
    expect(html).toContain('from PyObject_HEAD');
    expect(html).toContain('<td class="num"><code>0xffffffff</code></td>');
  });

  it('write Markdown tables whose rows all have the columns of their header', () => {
    const md = file('layout.md');
    let columns = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      if (columns === 0) columns = cells;
      expect(cells, line).toBe(columns);
    }
    expect(md).toContain('`( 1 \\| 2 ) < 4 && "<b>"`');
  });

  it.each(['layout.json', 'layout.html', 'layout.md'])('%s matches its golden file', async (path) => {
    await expect(file(path)).toMatchFileSnapshot(`fixtures/report/${path}`);
  });
});
