// Asking an interpreter where its headers are: one run of a tiny script that prints sysconfig as JSON.
import { execFile, spawnSync } from 'node:child_process';
import type { Env } from './pyenv.js';

export interface SysconfigReport {
  include: string;
  platinclude?: string;
  extSuffix?: string;
  executable: string;
  /** sys.version_info: major, minor, micro, releaselevel, serial */
  versionInfo: [number, number, number, string, number];
}

// -S skips site: it does not move the include paths and makes start-up several times faster.
const script = [
  'import sys, sysconfig, json',
  'paths = sysconfig.get_paths()',
  'sys.stdout.write("gen-inc-sysconfig:" + json.dumps({"include": paths.get("include"),',
  ' "platinclude": paths.get("platinclude"), "extSuffix": sysconfig.get_config_var("EXT_SUFFIX"),',
  ' "executable": sys.executable, "versionInfo": list(sys.version_info)}))',
].join('\n');

const marker = 'gen-inc-sysconfig:';

type Answer = { report: SysconfigReport } | { reason: string };

/** Reports of runs started ahead (askAhead) that came back, by interpreter, env and directory. */
const answeredAhead = new Map<string, { report: SysconfigReport }>();

function askKey(interpreter: string, env: Env, cwd: string): string {
  return JSON.stringify([interpreter, cwd, env]);
}

/**
 * Starts the run querySysconfig would make, without waiting for it: a run of several Pythons asks
 * the later versions' interpreters while it works on the first, and querySysconfig then takes the
 * report, if it has come back, instead of blocking on a run of its own. A run that fails leaves
 * nothing: querySysconfig then runs the interpreter itself and says why it failed. The promise is
 * settled once the run is over.
 */
export function askAhead(interpreter: string, env: Env, cwd: string): Promise<void> {
  return new Promise((resolve) => {
    execFile(interpreter, ['-S', '-c', script], { env, cwd, encoding: 'utf8', timeout: 20_000 }, (error, stdout) => {
      const answer = error ? undefined : answerOf(interpreter, 0, null, stdout, '');
      if (answer && 'report' in answer) answeredAhead.set(askKey(interpreter, env, cwd), answer);
      resolve();
    });
  });
}

/** Runs `interpreter` once (or takes the answer of askAhead); the reason is a short text when it is not a working Python. */
export function querySysconfig(interpreter: string, env: Env, cwd: string): Answer {
  const key = askKey(interpreter, env, cwd);
  const ahead = answeredAhead.get(key);
  if (ahead) {
    answeredAhead.delete(key);
    return ahead;
  }
  const run = spawnSync(interpreter, ['-S', '-c', script], { env, cwd, encoding: 'utf8', timeout: 20_000 });
  if (run.error) return { reason: run.error.message };
  return answerOf(interpreter, run.status, run.signal, run.stdout, run.stderr);
}

function answerOf(interpreter: string, status: number | null, signal: string | null, stdout: string, stderr: string): Answer {
  const start = stdout.indexOf(marker);
  if (status !== 0 || start < 0) {
    const said = (stderr || stdout).trim().split('\n')[0]!.slice(0, 160);
    return { reason: `it printed no sysconfig (exit status ${status ?? signal})${said ? `: ${said}` : ''}` };
  }
  let parsed: Partial<SysconfigReport>;
  try {
    parsed = JSON.parse(stdout.slice(start + marker.length)) as Partial<SysconfigReport>;
  } catch {
    return { reason: 'its sysconfig output is not JSON' };
  }
  const versionInfo = parsed.versionInfo;
  if (typeof parsed.include !== 'string' || !Array.isArray(versionInfo) || typeof versionInfo[0] !== 'number') {
    return { reason: 'its sysconfig output has no include path or version' };
  }
  return {
    report: {
      include: parsed.include,
      platinclude: typeof parsed.platinclude === 'string' ? parsed.platinclude : undefined,
      extSuffix: typeof parsed.extSuffix === 'string' ? parsed.extSuffix : undefined,
      executable: typeof parsed.executable === 'string' && parsed.executable ? parsed.executable : interpreter,
      versionInfo: versionInfo as SysconfigReport['versionInfo'],
    },
  };
}
