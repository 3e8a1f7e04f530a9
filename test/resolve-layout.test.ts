// Every fixture's layouts against gcc: sizes, alignments, offsets, bit positions found at run
// time, typedef sizes, enum values and enum types, all printed by a compiled probe.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/index.js';
import { resolve } from '../src/resolve/index.js';
import { x86_64LinuxGnu } from '../src/target/x86_64-linux-gnu.js';
import { fixture, fixtureDir } from './parse-input.js';
import { differences, layoutProbe, runProbe } from './resolve-probe.js';

const layoutFixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.h') && name !== 'declarations.h');

describe('layout of fixtures against gcc', () => {
  it.each(layoutFixtures)('%s', (name) => {
    const { path, pp } = fixture(name);
    const decls = parse(pp);
    const resolved = resolve(decls, x86_64LinuxGnu);
    expect([...decls.diagnostics, ...resolved.diagnostics]).toEqual([]);

    const probe = layoutProbe(decls, resolved, x86_64LinuxGnu, { isOwnFile: (file) => file === name });
    const gcc = runProbe(probe, `#include <stddef.h>\n#include "${path}"`);
    expect(differences(probe.expected, gcc)).toEqual([]);
    // the probe covered something of every kind the fixture has
    expect(probe.expected.size).toBeGreaterThan(3);
  });
});
