// The example CI workflow (examples/ci/gen-inc.yml), run here: for every Python of its matrix that
// this machine has, its `run:` steps are executed with bash in a repository laid out as the
// workflow expects, with `python` meaning that Python — as actions/setup-python would make it.
// The `uses:` steps (checkout, setup-*, upload) belong to GitHub and are not run; the install
// step is replaced by linking this checkout's gen-inc where `npm ci` would have put it.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPythons } from './oracle/index.js';
import { cliPath, runCli } from './support/cli.js';

const workflow = readFileSync(new URL('../examples/ci/gen-inc.yml', import.meta.url), 'utf8');
const matrix = JSON.parse(/^\s+python: (\[.*\])$/m.exec(workflow)![1]!.replace(/'/g, '"')) as string[];
const steps = [...workflow.matchAll(/^\s+- name: (.*)\n\s+run: (.*)$/gm)].map((m) => ({ name: m[1]!, run: m[2]! }));
const installs = findPythons().found.filter((p) => p.interpreter && matrix.includes(p.shortVersion));
// One Python a version, the one `--python X.Y` finds, as a matrix job would have.
const jobs = [...new Map(installs.map((p) => [p.shortVersion, p])).values()];

const repo = mkdtempSync(join(tmpdir(), 'gen-inc-ci-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('the example CI workflow', () => {
  it('has the steps this test knows how to run', () => {
    expect(steps.map((s) => s.name)).toEqual([
      'Install nasm and the project\'s npm packages',
      'Fail when includes/${{ matrix.python }} is stale',
      'Write the layout reports',
    ]);
    console.log(`CI example: matrix ${matrix.join(', ')}; running the jobs for ${jobs.map((j) => j.shortVersion).join(', ')} (the others are not installed here)`);
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('passes every job for includes committed with gen-inc --python all, and fails a stale one', () => {
    mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(cliPath, join(repo, 'node_modules', '.bin', 'gen-inc'));
    writeFileSync(join(repo, 'package.json'), '{ "name": "team-repo", "private": true }\n');
    for (const job of jobs) {
      const r = runCli(['--python', job.interpreter!, '--out', join(repo, 'includes', job.shortVersion), '-q']);
      expect(r.status, r.stderr).toBe(0);
    }
    const runJob = (job: (typeof jobs)[number]) => {
      const bin = join(repo, `.python-${job.shortVersion}`);
      mkdirSync(bin, { recursive: true });
      rmSync(join(bin, 'python'), { force: true });
      symlinkSync(job.interpreter!, join(bin, 'python'));
      for (const step of steps.slice(1)) {
        const script = step.run.replaceAll('${{ matrix.python }}', job.shortVersion);
        const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_yes: 'false' } });
        if (r.status !== 0) return { step: step.name, status: r.status, output: `${r.stdout}${r.stderr}` };
      }
      return { step: 'all', status: 0, output: '' };
    };
    for (const job of jobs) {
      expect(runJob(job), job.shortVersion).toEqual({ step: 'all', status: 0, output: '' });
      expect(readdirSync(join(repo, 'reports', job.shortVersion))).toEqual(expect.arrayContaining(['layout.html', 'layout.json', 'layout.md']));
    }
    const job = jobs[0]!;
    const inc = join(repo, 'includes', job.shortVersion, 'python.inc');
    writeFileSync(inc, readFileSync(inc, 'utf8').replace('%define METH_O ', '%define METH_O 1+'));
    const stale = runJob(job);
    expect([stale.step, stale.status]).toEqual(['Fail when includes/${{ matrix.python }} is stale', 1]);
    expect(stale.output).toContain('python.inc (generated)');
    execFileSync('true');
  });
});
