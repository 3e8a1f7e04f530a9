import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jitFlags, jitFlagsToSet } from '../src/jit-flags.js';

describe('jitFlagsToSet', () => {
  it('sets every flag when node was started without V8 flags', () => {
    expect(jitFlagsToSet([])).toEqual([...jitFlags]);
    expect(jitFlagsToSet(['--import', 'x.mjs', '--max-old-space-size=512'])).toEqual([...jitFlags]);
  });

  it.each([
    ['--turbo-inlining'],
    ['--no-turbo-inlining'],
    ['--turbo_inlining'],
    ['--no-turbo_inlining'],
  ])("leaves inlining alone when node's command line says %s", (given) => {
    expect(jitFlagsToSet([given])).toEqual(['--interrupt-budget=270336']);
  });

  it("leaves the interrupt budget alone when node's command line sets one", () => {
    expect(jitFlagsToSet(['--interrupt-budget=1000'])).toEqual(['--no-turbo-inlining']);
    expect(jitFlagsToSet(['--interrupt_budget=1000', '--turbo-inlining'])).toEqual([]);
  });
});

describe('jitFlags', () => {
  // An unknown flag would make V8 print an error on every run; this node's V8 must know each one.
  it('names flags that the V8 of the node running the tests knows', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of jitFlags) {
      const name = flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
      expect(known).toContain(`--${name} (`);
    }
  });
});
