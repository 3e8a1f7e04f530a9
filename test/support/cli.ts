// Running the built command line the way a user does (the suite's global setup builds it).

import { spawnSync } from 'node:child_process';

export const cliPath = new URL('../../dist/cli.js', import.meta.url).pathname;

export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
