// Teams commit one python.inc per Python and regenerate them in CI: the same inputs must give the
// same bytes whatever the time zone, the locale, the order of the versions, or
// where the checkout is; --check must pass right after a run and fail after any byte changes.

import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInstalledPythons } from '../src/locate/index.js';
import { findPythons } from './oracle/index.js';
import { runCli } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'gen-inc-repro-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// `--python all` writes every installed version, whatever GEN_INC_PYTHONS narrows the other suites to.
const versions = [...new Set(findInstalledPythons().map((p) => p.shortVersion))];

function tree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(inc|asm|py|json|html|md)$|Makefile$/.test(f));
  return new Map(files.sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('reproducible output', () => {
  const first = join(work, 'first');
  const second = join(work, 'second');

  it('writes every version in one run', () => {
    const r = runCli(['--python', 'all', '--out', first, '-q'], { env: { LC_ALL: 'C', TZ: 'UTC' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(first).sort()).toEqual([...versions].sort());
  });

  it('writes the same bytes under another locale and time zone, with the versions in another order', () => {
    const reversed = [...versions].reverse().flatMap((v) => ['--python', v]);
    const r = runCli([...reversed, '--out', second, '-q'], { env: { LC_ALL: 'de_DE.UTF-8', LANG: 'tr_TR.UTF-8', TZ: 'Pacific/Kiritimati' } });
    expect(r.status).toBe(0);
    const a = tree(first);
    const b = tree(second);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, contents] of a) expect(b.get(file), file).toBe(contents);
  });

  it('writes the same bytes from relative include directories wherever the checkout is', () => {
    const python = findPythons().found.at(-1)!;
    const outputs = ['one', 'two'].map((place) => {
      const checkout = join(work, place, 'project');
      cpSync(python.includeDirs[0]!, join(checkout, 'headers'), { recursive: true });
      const r = runCli(['--python', python.shortVersion, '--include-dir', 'headers', '--out', 'out', '-q'], { cwd: checkout });
      expect(r.status, r.stderr).toBe(0);
      return tree(join(checkout, 'out'));
    });
    expect(outputs[1]).toEqual(outputs[0]);
    for (const contents of outputs[0]!.values()) expect(contents).not.toContain(work);
  });

  it('passes --check right after, and fails after any byte of the include or a report changes', () => {
    const ok = runCli(['--python', 'all', '--out', first, '--check']);
    expect(ok.status, ok.stderr).toBe(0);
    const version = versions[0]!;
    for (const file of ['python.inc', 'layout.json', 'layout.md', 'layout.html']) {
      const path = join(first, version, file);
      const original = readFileSync(path);
      const changed = Buffer.from(original);
      changed[Math.floor(changed.length / 2)] ^= 1;
      writeFileSync(path, changed);
      const stale = runCli(['--python', version, '--out', join(first, version), '--check']);
      writeFileSync(path, original);
      expect(stale.status, file).toBe(1);
      expect(stale.stderr).toContain(`--- ${path} (on disk)`);
    }
    // The example module is a start that is the user's to edit: --check leaves it alone.
    writeFileSync(join(first, version, 'asm.asm'), '; edited by its owner\n');
    expect(runCli(['--python', version, '--out', join(first, version), '--check']).status).toBe(0);
    rmSync(join(first, version, 'layout.md'));
    const missing = runCli(['--python', 'all', '--out', first, '--check', '--json']);
    expect(missing.status).toBe(1);
    const summary = JSON.parse(missing.stdout) as { ok: boolean; versions: { python: string; stale?: string[] }[] };
    expect(summary.ok).toBe(false);
    expect(summary.versions.find((v) => v.python === version)?.stale).toEqual([join(first, version, 'layout.md')]);
  });

  it('names each version\'s directory with one slash, whether --out ends in one or not', () => {
    const [one, other] = [versions[0]!, versions[versions.length - 1]!];
    for (const out of [second, `${second}/`]) {
      const r = runCli(['--python', one, '--python', other, '--out', out, '--check']);
      expect(r.status, r.stderr).toBe(0);
      const said = r.stdout.split('\n').filter(Boolean).map((line) => line.replace(/^Python [\d.]+: /, ''));
      expect(said).toEqual([`up to date in ${second}/${one}`, `up to date in ${second}/${other}`]);
    }
    const written = runCli(['--python', one, '--python', other, '--out', `${join(work, 'slashed')}/`]);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toContain(`: wrote ${join(work, 'slashed', one)}/ (`);
    expect(written.stdout).not.toContain('//');
  });

  it('goes on past a version that fails, and says which one did', () => {
    const [one, other] = [versions[0]!, versions[versions.length - 1]!];
    const out = join(work, 'with-a-failure');
    const r = runCli(['--python', one, '--python', '3.99', '--python', other, '--out', out, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: Python 3.99:');
    const summary = JSON.parse(r.stdout) as { ok: boolean; versions: { python: string; ok: boolean }[] };
    expect(summary.versions.map((v) => [v.python, v.ok])).toEqual([[one, true], ['3.99', false], [other, true]]);
    expect(tree(join(out, one))).toEqual(tree(join(second, one)));
    expect(tree(join(out, other))).toEqual(tree(join(second, other)));
  });
});
