// --check's unified diff is checked by the real tool: `patch` must turn the file on disk into the
// generated one with it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputs, unifiedDiff } from '../src/check.js';

function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(lines: string[], random: () => number): string[] {
  const out = [...lines];
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const what = random();
    if (what < 0.33 && out.length > 0) out.splice(Math.min(at, out.length - 1), 1);
    else if (what < 0.66) out.splice(at, 0, `inserted ${e} ${Math.floor(random() * 1000)}`);
    else if (out.length > 0) out[Math.min(at, out.length - 1)] = `changed ${e}`;
  }
  return out;
}

describe('unifiedDiff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-check-'));
  const random = seededRandom(2024);
  const base = Array.from({ length: 120 }, (_, i) => `line ${i} ${i % 7 === 0 ? 'x' : 'y'}`);

  it.each(Array.from({ length: 60 }, (_, i) => i))('is a patch that `patch` applies exactly (case %i)', (i) => {
    const before = `${base.join('\n')}\n`;
    const after = `${mutate(base, random).join('\n')}\n`;
    const file = join(dir, `f${i}.txt`);
    writeFileSync(file, before);
    const diff = unifiedDiff(file, before, after, Number.MAX_SAFE_INTEGER);
    execFileSync('patch', ['-s', '-p0', file], { input: diff });
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('is cut to the requested number of lines', () => {
    const diff = unifiedDiff('f', 'a\nb\nc\n', '1\n2\n3\n', 4);
    expect(diff.split('\n').filter(Boolean)).toHaveLength(2 + 4 + 1);
    expect(diff).toMatch(/\.\.\. 3 more diff lines/);
  });

  it('finds missing and different includes and reports, and leaves the example files alone', () => {
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'same.txt'), 'same\n');
    writeFileSync(join(dir, 'other.txt'), 'old\n');
    const stale = checkOutputs(dir, [
      { path: 'same.txt', contents: 'same\n', role: 'include' },
      { path: 'other.txt', contents: 'new\n', role: 'report' },
      { path: 'absent.txt', contents: 'x\n', role: 'include' },
      { path: 'example.txt', contents: 'the user edits this\n', role: 'example' },
    ]);
    expect(stale.map((s) => [s.path.slice(dir.length + 1), s.reason])).toEqual([
      ['other.txt', 'different'],
      ['absent.txt', 'missing'],
    ]);
    expect(stale[0]!.diff).toContain('-old\n+new');
    rmSync(out, { recursive: true, force: true });
  });
});
