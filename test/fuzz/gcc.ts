// gcc for the fuzzers: compile-and-run and -E, each as a child process, as many at once as the
// machine has cores, with gcc's error lines returned as data so a batch can drop the cases gcc
// rejects.

import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const gccEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
const slots = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  while (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface GccMessage {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  text: string;
}

/** `file:line:column: error: text` lines of gcc's stderr. */
export function gccMessages(stderr: string): GccMessage[] {
  const out: GccMessage[] = [];
  for (const match of stderr.matchAll(/^(.+?):(\d+):(?:\d+:)? (error|warning|fatal error): (.*)$/gm)) {
    out.push({ file: match[1]!, line: Number(match[2]), severity: match[3] === 'warning' ? 'warning' : 'error', text: match[4]! });
  }
  return out;
}

export type Outcome = { ok: true; stdout: string; stderr: string } | { ok: false; stdout: string; stderr: string; messages: GccMessage[] };

async function run(command: string, args: string[], cwd: string, input?: string): Promise<Outcome> {
  try {
    const child = execFileAsync(command, args, { cwd, env: gccEnv, maxBuffer: 1 << 30, encoding: 'utf8' });
    if (input !== undefined) child.child.stdin?.end(input);
    const { stdout, stderr } = await child;
    return { ok: true, stdout, stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    const stderr = String(failed.stderr ?? error);
    return { ok: false, stdout: failed.stdout ?? '', stderr, messages: gccMessages(stderr) };
  }
}

/** Compiles `source` (in `dir`, beside the headers it includes) and runs it; stdout, or gcc's errors. */
export function compileAndRun(dir: string, source: string, flags: string[] = []): Promise<Outcome> {
  return limited(async () => {
    await writeFile(join(dir, 'probe.c'), source);
    const compiled = await run('gcc', ['-std=gnu11', '-O0', '-pipe', ...flags, '-o', 'probe', 'probe.c'], dir);
    if (!compiled.ok) return compiled;
    const ran = await run(join(dir, 'probe'), [], dir);
    return ran.ok ? { ...ran, stderr: compiled.stderr } : ran;
  });
}

/** `gcc -E` of `file` in `dir`; stdout with line markers, and the warnings gcc printed. */
export function preprocessWithGcc(dir: string, file: string, flags: string[] = []): Promise<Outcome> {
  return limited(() => run('gcc', ['-std=gnu11', '-E', ...flags, file], dir));
}
