// Once before the whole suite: the tests that run the command line run dist/cli.js, so build it
// (templates precompiled, TypeScript compiled) when any source is newer than the build.

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function newest(folder: string): number {
  try {
    return Math.max(0, ...readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((f) => statSync(join(folder, f)).mtimeMs));
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'templates')));
  if (newest(join(root, 'dist')) < sources) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
