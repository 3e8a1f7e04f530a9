// Running gcc for the oracle: one batched probe program per question. Each item of a batch sits on
// its own source lines; when gcc rejects some items, its error locations name them, they are dropped
// and the rest is compiled again.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Only the include dirs matter to the oracle; a PythonInstall fits. */
export interface OracleInstall {
  includeDirs: string[];
}

/** The C locale keeps gcc's messages in ASCII and in English. */
const gccEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };

export async function run(program: string, args: string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(program, args, { cwd, env: gccEnv, maxBuffer: 1 << 30, encoding: 'utf8' });
}

/** -I and -D/-U options for an install, then the `#include` lines of the headers. */
export function includeOptions(install: OracleInstall, defines: string[]): string[] {
  return [...install.includeDirs.map((dir) => `-I${resolve(dir)}`), ...defines];
}

export function includeLines(headers: string[]): string {
  return headers.map((header) => `#include "${header}"\n`).join('');
}

export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gen-inc-oracle-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One item of a batch: a line at file scope and/or a statement in main(), each a single line. */
export interface ProbeItem {
  fileScope?: string;
  inMain?: string;
}

export interface ProbeProgram {
  install: OracleInstall;
  defines: string[];
  headers: string[];
  /** Lines after the headers: helper includes, typedefs and functions. */
  prelude: string;
  items: ProbeItem[];
  /** Extra gcc options, e.g. -pedantic-errors (which -w would silence). */
  flags?: string[];
}

export interface ProbeResult {
  /** What the program printed, when every remaining item compiled. */
  stdout: string;
  /** Items gcc rejected, by index, with gcc's first error for each. */
  rejected: Map<number, string>;
}

interface GccMessage {
  file: string;
  line: number;
  severity: string;
  text: string;
}

function parseMessages(stderr: string): GccMessage[][] {
  const groups: GccMessage[][] = [];
  for (const line of stderr.split('\n')) {
    const match = /^(.+?):(\d+):(?:\d+:)? (fatal error|error|warning|note): (.*)$/.exec(line);
    if (!match) continue;
    const message = { file: match[1]!, line: Number(match[2]), severity: match[3]!, text: match[4]! };
    if (message.severity === 'note') groups.at(-1)?.push(message);
    else groups.push([message]);
  }
  return groups.filter((group) => group[0]!.severity !== 'warning');
}

function buildSource(program: ProbeProgram, live: number[]): { source: string; itemAtLine: Map<number, number> } {
  const lines: string[] = [...`${includeLines(program.headers)}${program.prelude}`.split('\n')];
  if (lines.at(-1) === '') lines.pop();
  const itemAtLine = new Map<number, number>();
  for (const index of live) {
    const fileScope = program.items[index]!.fileScope;
    if (fileScope === undefined) continue;
    lines.push(fileScope);
    itemAtLine.set(lines.length, index);
  }
  lines.push('int main(void) {');
  for (const index of live) {
    const inMain = program.items[index]!.inMain;
    if (inMain === undefined) continue;
    lines.push(`  ${inMain}`);
    itemAtLine.set(lines.length, index);
  }
  lines.push('  return 0;', '}', '');
  return { source: lines.join('\n'), itemAtLine };
}

/** Compiles and runs the batch; rejected items are retried away, never compiled one by one. */
export async function compileAndRun(program: ProbeProgram): Promise<ProbeResult> {
  return withTempDir(async (dir) => {
    let live = program.items.map((_, index) => index);
    const rejected = new Map<number, string>();
    for (;;) {
      const { source, itemAtLine } = buildSource(program, live);
      await writeFile(join(dir, 'probe.c'), source);
      const args = [...includeOptions(program.install, program.defines), ...(program.flags ?? []), '-fdiagnostics-plain-output', 'probe.c', '-o', 'probe'];
      let stderr: string;
      try {
        await run('gcc', args, dir);
        const { stdout } = await run(join(dir, 'probe'), [], dir);
        return { stdout, rejected };
      } catch (error) {
        stderr = (error as { stderr?: string }).stderr ?? String(error);
        if (!stderr.includes('error')) throw error;
      }
      const newlyRejected = rejectedItems(stderr, itemAtLine);
      if (newlyRejected.size === 0) throw new Error(`gcc failed outside the probe items:\n${stderr.split('\n').slice(0, 30).join('\n')}`);
      for (const [index, message] of newlyRejected) rejected.set(index, message);
      live = live.filter((index) => !newlyRejected.has(index));
    }
  });
}

/** Items named by an error group: its own location, or a note such as "in expansion of macro" pointing at a probe line. */
function rejectedItems(stderr: string, itemAtLine: Map<number, number>): Map<number, string> {
  const found = new Map<number, string>();
  for (const group of parseMessages(stderr)) {
    const inProbe = group.find((message) => message.file === 'probe.c' && itemAtLine.has(message.line));
    if (!inProbe) continue;
    const index = itemAtLine.get(inProbe.line)!;
    if (!found.has(index)) found.set(index, group[0]!.text);
  }
  return found;
}
