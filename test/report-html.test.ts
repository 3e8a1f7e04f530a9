// layout.html in a real browser (headless Chromium): for every installed Python the page renders
// every struct and its search filters the structs and constants to those the query names; for the
// newest, a screenshot is a rendered page, not a blank one.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import type { LayoutJson } from '../src/report/index.js';
import { findPythons } from './oracle/index.js';
import { dumpDom, findChromium, pixelVariety, readPng, screenshot } from './report-browser.js';

const chromium = await findChromium();
if (!chromium) throw new Error('headless Chromium is needed: run scripts/setup.sh (Debian package chromium)');

const pythons = findPythons().found;
const dir = mkdtempSync(join(tmpdir(), 'gen-inc-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the page of one Python; returns its URL and the layout it shows. */
function writePage(install: (typeof pythons)[number], name: string): { url: string; layout: LayoutJson } {
  const files = generate({ python: install.shortVersion, includeDirs: install.includeDirs }).files;
  const path = join(dir, `${name}.html`);
  writeFileSync(path, files.find((f) => f.path === 'layout.html')!.contents);
  return { url: pathToFileURL(path).href, layout: JSON.parse(files.find((f) => f.path === 'layout.json')!.contents) };
}

/** Sections of the dumped DOM by element, with whether the page's script hid them. */
function shown(dom: string, pattern: RegExp): { shown: string[]; hidden: string[] } {
  const result = { shown: [] as string[], hidden: [] as string[] };
  for (const match of dom.matchAll(pattern)) (/\shidden(=""|\s|>)/.test(match[0]) ? result.hidden : result.shown).push(match[1]!);
  return result;
}

const structSection = /<section class="struct" id="s-([^"]+)"[^>]*>/g;
const constantRow = /<tr data-kind="constant" data-search="([^"]+)"[^>]*>/g;

/** What the search promises: a struct matches by its name, another name, or a field's name. */
function matchingStructs(layout: LayoutJson, query: string): string[] {
  const q = query.toLowerCase();
  return layout.structs.filter((s) => [s.name, ...s.aliases, ...s.fields.map((f) => f.name)].some((n) => n.toLowerCase().includes(q))).map((s) => s.name);
}

describe.each(pythons.map((install, i) => ({ install, i, label: `${install.version} ${install.includeDirs[0]}` })))('layout.html for $label', ({ install, i }) => {
  it('renders every struct, and a search given in the URL filters structs and constants', async () => {
    const { url, layout } = writePage(install, `python-${i}`);
    const query = 'ob_type';
    const dom = await dumpDom(chromium, `${url}#q=${query}`);
    expect(dom).toContain(`<title>CPython ${install.version} layout (x86_64-linux-gnu)</title>`);
    const structs = shown(dom, structSection);
    expect(structs.shown.length + structs.hidden.length).toBe(layout.structs.length);
    expect(structs.shown.sort()).toEqual(matchingStructs(layout, query).sort());
    expect(structs.shown).toContain('PyObject');
    expect(structs.hidden).toContain('PyModuleDef');
    const constants = shown(dom, constantRow);
    expect(constants.shown).toEqual(layout.constants.filter((c) => c.name.toLowerCase().includes(query)).map((c) => c.name.toLowerCase()));
    expect(constants.hidden.length).toBe(layout.constants.length - constants.shown.length);
    expect(dom).toContain(`${structs.shown.length} of ${layout.structs.length} structs`);
  });
});

describe('layout.html of the newest Python', () => {
  const newest = [...pythons].sort((a, b) => a.hexversion - b.hexversion).at(-1)!;

  it('shows everything when there is no query, and filters by ?q= too', async () => {
    const { url, layout } = writePage(newest, 'newest');
    const [all, byQuery] = await Promise.all([dumpDom(chromium, url), dumpDom(chromium, `${url}?q=PyLongObject`)]);
    expect(shown(all, structSection).hidden).toEqual([]);
    expect(shown(byQuery, structSection).shown.sort()).toEqual(matchingStructs(layout, 'PyLongObject').sort());
  });

  it('takes a screenshot that is not blank', async () => {
    const { url } = writePage(newest, 'screenshot');
    const picture = readPng(await screenshot(chromium, url, join(dir, 'screenshot.png')));
    expect([picture.width, picture.height]).toEqual([1280, 900]);
    const variety = pixelVariety(picture);
    console.log(`layout.html screenshot: ${variety.colours} colours, ${(variety.notBackground * 100).toFixed(1)}% of pixels not background`);
    expect(variety.colours).toBeGreaterThan(50);
    expect(variety.notBackground).toBeGreaterThan(0.05);
  });
});
