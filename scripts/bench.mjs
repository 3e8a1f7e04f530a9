// `npm run bench`: generate for every installed Python, one whole `gen-inc` process per run, and
// print the median wall time and the peak memory per version.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findInstalledPythons } from '../dist/locate/index.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const rssHook = new URL('./report-rss.mjs', import.meta.url).href;
const out = mkdtempSync(join(tmpdir(), 'gen-inc-bench-'));

// NODE_EXTRA_CA_CERTS makes every node start parse a bundle of certificates (40-60 ms here); gen-inc
// opens no connection, so it is measured without it, as on a machine that does not set it.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const spawnOptions = { encoding: 'utf8', env };

const pythons = findInstalledPythons();

/** What a user would type: the version for pyenv's Pythons, the interpreter for the others. */
function pythonArgument(install) {
  if (install.foundBy === 'pyenv' || !install.interpreter) return install.shortVersion;
  return install.interpreter;
}
if (pythons.length === 0) {
  console.error('bench: no Python with headers found');
  process.exit(1);
}

console.log(`gen-inc bench: ${runs} runs per version, whole process (node start-up included${process.env.NODE_EXTRA_CA_CERTS ? '; NODE_EXTRA_CA_CERTS unset' : ''})`);
console.log('python            include dir                                        median ms   peak MB');
let worstMs = 0;
let worstMb = 0;
for (const install of pythons) {
  const python = install.includeDirs[0];
  const times = [];
  let peakKb = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', rssHook, cli, '--python', pythonArgument(install), '--out', join(out, install.version), '-q'], spawnOptions);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) {
      console.error(`bench: gen-inc failed for ${python}:\n${r.stderr}`);
      process.exit(1);
    }
    times.push(ms);
    const m = /GEN_INC_PEAK_RSS_KB=(\d+)/.exec(r.stderr);
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const mb = peakKb / 1024;
  worstMs = Math.max(worstMs, median);
  worstMb = Math.max(worstMb, mb);
  console.log(`${install.version.padEnd(18)}${python.padEnd(51)}${median.toFixed(0).padStart(9)}${mb.toFixed(1).padStart(10)}`);
}
console.log(`worst: ${worstMs.toFixed(0)} ms, ${worstMb.toFixed(1)} MB (targets: 250 ms, 100 MB per version)`);

// Every version in one process, as CI regenerates them (target: 1.5 s).
const allTimes = [];
let allKb = 0;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rssHook, cli, '--python', 'all', '--out', join(out, 'all'), '-q'], spawnOptions);
  allTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (r.status !== 0) {
    console.error(`bench: gen-inc --python all failed:\n${r.stderr}`);
    process.exit(1);
  }
  const m = /GEN_INC_PEAK_RSS_KB=(\d+)/.exec(r.stderr);
  if (m) allKb = Math.max(allKb, Number(m[1]));
}
allTimes.sort((a, b) => a - b);
console.log(`--python all (${new Set(pythons.map((p) => p.shortVersion)).size} versions, one process): median ${allTimes[Math.floor(allTimes.length / 2)].toFixed(0)} ms, peak ${(allKb / 1024).toFixed(1)} MB (target: 1500 ms)`);
rmSync(out, { recursive: true, force: true });
