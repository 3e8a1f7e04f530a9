// gcc as the oracle for the preprocessor tests: its -E output and macro tables, read with a
// tokenizer of its own (a regular expression), so that nothing of gen-inc judges gen-inc.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const gccEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };

/** At most this many gcc processes at once: the real-header tests start theirs all together. */
const parallelRuns = 4;
let running = 0;
const waiting: (() => void)[] = [];

export async function gcc(args: string[], cwd?: string): Promise<string> {
  while (running >= parallelRuns) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const { stdout } = await execFileAsync('gcc', args, { cwd, env: gccEnv, maxBuffer: 1 << 28, encoding: 'utf8' });
    return stdout;
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const tokenPattern =
  /\s*(?:((?:L|u8|u|U)?"(?:\\.|[^"\\\n])*"|(?:L|u8|u|U)?'(?:\\.|[^'\\\n])*')|([A-Za-z_$][\w$]*)|(\.?\d(?:[eEpP][+-]|[\w.])*)|(%:%:|\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[*/%+\-&^|]=|##|<:|:>|<%|%>|%:|[[\](){}.&*+\-~!/%<>^|?:;=,#])|(\S))/gy;

/** C tokens of a piece of text, digraphs included (no comments expected: it is preprocessor output or a macro body). */
export function cTokens(text: string): string[] {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(text); match !== null && match[0] !== ''; match = tokenPattern.exec(text)) {
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5]!);
  }
  return tokens;
}

/** A Python's include directories as gcc is given them with -I. */
export interface PythonHeaders {
  name: string;
  includeDirs: string[];
}

/** The pyenv Pythons and Debian's, as this machine has them. */
export function discoverPythons(): PythonHeaders[] {
  const found: PythonHeaders[] = [];
  const versions = '/root/.pyenv/versions';
  const byVersion = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  for (const version of existsSync(versions) ? readdirSync(versions).sort(byVersion) : []) {
    if (!/^3\.\d+/.test(version)) continue;
    const include = join(versions, version, 'include');
    for (const dir of existsSync(include) ? readdirSync(include) : []) {
      if (/^python3\.\d+/.test(dir) && existsSync(join(include, dir, 'Python.h'))) found.push({ name: version, includeDirs: [join(include, dir)] });
    }
  }
  if (existsSync('/usr/include/python3.11/Python.h')) {
    const platform = '/usr/include/x86_64-linux-gnu/python3.11';
    found.push({ name: 'debian-3.11', includeDirs: ['/usr/include/python3.11', ...(existsSync(platform) ? [platform] : [])] });
  }
  return found;
}

export interface GccMacro {
  body: string;
  file: string;
}

export interface GccMacroTable {
  macros: Map<string, GccMacro>;
  /** names that some file outside the Python headers (a system header) #defines along the way */
  definedElsewhere: Set<string>;
}

/**
 * The macro table gcc ends with (`-dM`), each macro with the file of its last #define (from the
 * line markers of `-E -dD`).
 */
export async function gccMacroTable(source: string, args: string[], inPython: (file: string) => boolean): Promise<GccMacroTable> {
  const [final, trace] = await Promise.all([gcc(['-dM', '-E', ...args, source]), gcc(['-E', '-dD', ...args, source])]);
  const fileOf = new Map<string, string>();
  const definedElsewhere = new Set<string>();
  let file = '';
  for (const line of trace.split('\n')) {
    const marker = /^# \d+ "(.*)"/.exec(line);
    if (marker) file = marker[1];
    const define = /^#define ([A-Za-z_]\w*)/.exec(line);
    if (!define) continue;
    fileOf.set(define[1], file);
    if (file.startsWith('/') && !inPython(file)) definedElsewhere.add(define[1]);
  }
  const macros = new Map<string, GccMacro>();
  for (const line of final.split('\n')) {
    const match = /^#define ([A-Za-z_]\w*)(\([^)]*\))? ?(.*)$/.exec(line);
    if (match) macros.set(match[1], { body: match[3], file: fileOf.get(match[1]) ?? '' });
  }
  return { macros, definedElsewhere };
}

/**
 * What gcc -E makes of each source line of the files that satisfy `keep`: 'file:line' → the tokens
 * of the output line that line produced. Line markers give the place of each output line; gcc
 * splits a line where a system header's macro is expanded, and the pieces are joined back.
 * Directive lines that -E passes on (#pragma from _Pragma) are left out.
 */
export async function gccExpandedLines(source: string, args: string[], keep: (file: string) => boolean): Promise<Map<string, string[]>> {
  const output = await gcc(['-E', ...args, source]);
  const lines = new Map<string, string[]>();
  let file = '';
  let line = 0;
  for (const text of output.split('\n')) {
    const marker = /^# (\d+) "(.*)"/.exec(text);
    if (marker) {
      line = Number(marker[1]);
      file = marker[2];
      continue;
    }
    if (!text.startsWith('#') && keep(file)) {
      const tokens = cTokens(text);
      const key = `${file}:${line}`;
      if (tokens.length > 0) lines.set(key, [...(lines.get(key) ?? []), ...tokens]);
    }
    line++;
  }
  return lines;
}
