// Asking an interpreter where its headers are: one run of a tiny script that prints sysconfig as JSON.
import { spawnSync } from 'node:child_process';
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

/** Runs `interpreter` once; the reason is a short text when it is not a working Python. */
export function querySysconfig(interpreter: string, env: Env, cwd: string): { report: SysconfigReport } | { reason: string } {
  const run = spawnSync(interpreter, ['-S', '-c', script], { env, cwd, encoding: 'utf8', timeout: 20_000 });
  if (run.error) return { reason: run.error.message };
  const start = run.stdout.indexOf(marker);
  if (run.status !== 0 || start < 0) {
    const said = (run.stderr || run.stdout).trim().split('\n')[0]!.slice(0, 160);
    return { reason: `it printed no sysconfig (exit status ${run.status ?? run.signal})${said ? `: ${said}` : ''}` };
  }
  let parsed: Partial<SysconfigReport>;
  try {
    parsed = JSON.parse(run.stdout.slice(start + marker.length)) as Partial<SysconfigReport>;
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
