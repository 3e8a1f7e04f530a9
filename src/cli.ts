#!/usr/bin/env node
// The command line: parse arguments, call the library (which writes or checks the files), print what
// happened and set the exit code. Only the cli*.ts files print or decide how the process ends.

import { Command, CommanderError, Option } from 'commander';
import type { MacroOption } from './types.js';
import { GenIncError } from './diagnostics.js';
import { generateConcurrently, type VersionOutcome } from './batch.js';
import { configFileName, loadConfig, parseDefine } from './config.js';
import { flavourDefines, limitedApiHelp, limitedApiValue } from './flavour.js';
import { isModuleName } from './generate.js';
import { asDirectory } from './header-paths.js';
import { generatorVersion } from './version.js';
import { diffMain } from './cli-diff.js';
import { EXIT_ERROR, EXIT_USAGE, printDiagnostics } from './cli-output.js';
import { applyJitFlags } from './jit-flags.js';

interface Arguments {
  python?: string[];
  includeDir?: string[];
  out?: string;
  module?: string;
  config?: string;
  check?: boolean;
  json?: boolean;
  quiet?: boolean;
  limitedApi?: string;
  debug?: boolean;
  traceRefs?: boolean;
  freeThreaded?: boolean;
  macroOptions: MacroOption[];
}

function usageError(message: string): CommanderError {
  return new CommanderError(EXIT_USAGE, 'gen-inc.usage', message);
}

function parseArguments(argv: string[]): Arguments {
  const macroOptions: MacroOption[] = [];
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  const define = (spec: string) => {
    if (!/^[A-Za-z_]\w*(=|$)/.test(spec)) throw usageError(`-D ${spec}: not a macro name`);
    macroOptions.push(parseDefine(spec, '-D'));
  };
  const undefine = (name: string) => {
    if (!/^[A-Za-z_]\w*$/.test(name)) throw usageError(`-U ${name}: not a macro name`);
    macroOptions.push({ kind: 'undef', name });
  };
  const program = new Command('gen-inc')
    .description(
      'Read the C headers of CPython and write python.inc, a NASM include with every struct layout, ' +
        'integer constant and API symbol of that exact Python, each equal to what gcc computes; beside ' +
        'it an example module (NAME.asm, Makefile, test_NAME.py) and a layout report (layout.json, ' +
        'layout.html, layout.md).',
    )
    .version(generatorVersion, '-V, --version')
    .addOption(new Option('--python <version|path>', "the Python to read: '3.6' … '3.13', an interpreter path, or 'all' (repeatable)").argParser(collect))
    .addOption(new Option('--include-dir <dir>', 'read the headers from DIR instead of looking for them (repeatable)').argParser(collect))
    .addOption(new Option('-D, --define <name[=value]>', 'define a macro before the headers, e.g. -D Py_TRACE_REFS (repeatable)').argParser((v) => define(v)))
    .addOption(new Option('-U, --undefine <name>', 'undefine a macro before the headers (repeatable)').argParser((v) => undefine(v)))
    .option('--limited-api <3.X>', limitedApiHelp)
    .option('--debug', 'a debug build (Py_DEBUG): the layouts and reference counting of a python3.Xd')
    .option('--trace-refs', 'a build with Py_TRACE_REFS (3.8+: ./configure --with-trace-refs)')
    .option('--free-threaded', 'the free-threaded build (Py_GIL_DISABLED, 3.13+: python3.13t)')
    .option('-o, --out <dir>', "where to write: for one Python the files go in DIR (default 'python<X.Y>'); for several, in DIR/<X.Y>/ (default '.')")
    .option('-m, --module <name>', "the example module's name: NAME.asm, PyInit_NAME, test_NAME.py (default 'asm')")
    .option('--check', 'write nothing; exit 1 with a diff when a file in --out is missing or differs from what would be generated')
    .option('--config <file>', `read choices from FILE (default: ${configFileName}, or the "gen-inc" key of package.json, in the current directory)`)
    .option('--json', 'print a JSON summary of the run on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  gen-inc --python 3.13\n' +
        '  gen-inc --python /usr/bin/python3.11 --out include/\n' +
        '  gen-inc --python 3.12 -D Py_TRACE_REFS\n' +
        '  gen-inc --python 3.13 --limited-api 3.6      # one abi3 module for every Python from 3.6 on\n' +
        '  gen-inc --python 3.13 --free-threaded\n' +
        '  gen-inc --python all --out includes/          # includes/3.6/python.inc … includes/3.13/python.inc\n' +
        '  gen-inc --python all --out includes/ --check  # in CI: fail when a committed file is stale\n' +
        '  gen-inc diff 3.11 3.12                         # what changed between two layouts\n\n' +
        'The headers are looked for in this order: --include-dir; the interpreter\'s own sysconfig\n' +
        "(the path given, or python3.X on PATH); $PYENV_ROOT/versions/3.X*; /usr/include/python3.X[m] and\n/usr/local/include/python3.X[m].\n\n" +
        'Command-line options override the configuration file. Output is byte-for-byte reproducible.\n\n' +
        'Exit status: 0 on success, 1 on an error (or, with --check, stale files), 2 on a usage error.',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(argv);
  return { ...program.opts<Omit<Arguments, 'macroOptions'>>(), macroOptions };
}

/** The run's choices: the command line over the configuration file. */
function settings(args: Arguments) {
  const config = loadConfig(process.cwd(), args.config);
  const pythons = args.python ?? config.python;
  if (!pythons || pythons.length === 0) throw usageError(`--python is required (or a "python" entry in ${configFileName})`);
  const module = args.module ?? config.module ?? 'asm';
  if (!isModuleName(module)) throw usageError(`--module ${module}: not a Python identifier (letters, digits and _, not starting with a digit)`);
  const includeDirs = args.includeDir ?? config.includeDirs;
  if (includeDirs && pythons.length > 1) throw usageError('--include-dir names the headers of one Python: use it with a single --python');
  const limitedApi = args.limitedApi ?? config.limitedApi;
  if (limitedApi !== undefined && limitedApiValue(limitedApi) === undefined) throw usageError(`--limited-api ${limitedApi}: expected a version 3.2 or later, such as 3.6`);
  const flavour = flavourDefines({
    ...(limitedApi !== undefined ? { limitedApi } : {}),
    debug: args.debug ?? config.debug ?? false,
    traceRefs: args.traceRefs ?? config.traceRefs ?? false,
    freeThreaded: args.freeThreaded ?? config.freeThreaded ?? false,
  });
  // The flavour first, so that an explicit -D or -U has the last word.
  return {
    pythons,
    module,
    defines: [...flavour, ...(args.macroOptions.length > 0 ? args.macroOptions : (config.defines ?? []))],
    out: args.out ?? config.out,
    ...(includeDirs ? { includeDirs } : {}),
  };
}

function progressLine(outcome: VersionOutcome): string {
  const seconds = (outcome.milliseconds / 1000).toFixed(2);
  if (!outcome.ok) return `  ${outcome.python.padEnd(8)} failed  ${seconds} s\n`;
  const m = outcome.result.model;
  return `  ${m.python.shortVersion.padEnd(8)} ${m.python.version.padEnd(8)} ${String(m.structs.length).padStart(4)} structs ${String(m.constants.length).padStart(5)} constants ${String(m.externs.length).padStart(5)} symbols  ${seconds} s  (${outcome.result.install.foundBy})\n`;
}

async function main(argv: string[]): Promise<number> {
  applyJitFlags();
  if (argv[2] === 'diff') return diffMain(argv.slice(3));
  let run: ReturnType<typeof settings>;
  let args: Arguments;
  try {
    args = parseArguments(argv);
    run = settings(args);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'gen-inc.usage') process.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof GenIncError) {
      printDiagnostics(error.diagnostics, false);
      return EXIT_USAGE;
    }
    throw error;
  }
  const quiet = args.quiet ?? false;
  const progress = !quiet && !args.json && process.stderr.isTTY;
  const outcomes = await generateConcurrently({ ...run, check: args.check ?? false }, (outcome) => {
    if (progress) process.stderr.write(progressLine(outcome));
  });
  let failed = false;
  for (const outcome of outcomes) {
    if (outcome.ok) printDiagnostics(outcome.result.diagnostics, quiet);
    else {
      failed = true;
      process.stderr.write(`error: Python ${outcome.python}:\n`);
      printDiagnostics(outcome.diagnostics, false);
    }
  }
  const summary: { python: string; version?: string; ok: boolean; out?: string; stale?: string[]; written?: string[]; milliseconds: number }[] = [];
  for (const outcome of outcomes) {
    const item = { python: outcome.python, ok: outcome.ok, milliseconds: Math.round(outcome.milliseconds) };
    if (!outcome.ok) {
      summary.push(item);
      continue;
    }
    const delivered = outcome.delivered;
    if ('failed' in delivered) {
      failed = true;
      printDiagnostics(delivered.failed, false);
      summary.push({ ...item, ok: false });
    } else if ('stale' in delivered) {
      if (delivered.stale.length > 0) failed = true;
      for (const s of delivered.stale) if (!quiet) process.stderr.write(s.diff);
      summary.push({ ...item, version: outcome.result.install.version, out: delivered.dir, stale: delivered.stale.map((s) => s.path) });
    } else summary.push({ ...item, version: outcome.result.install.version, out: delivered.dir, written: delivered.written });
  }
  if (args.json) process.stdout.write(`${JSON.stringify({ ok: !failed, check: Boolean(args.check), versions: summary }, null, 2)}\n`);
  else if (!quiet) {
    for (const s of summary) {
      const what = !s.ok ? 'failed' : args.check ? (s.stale!.length ? `stale: ${s.stale!.join(', ')}` : `up to date in ${s.out}`) : `wrote ${asDirectory(s.out!)} (${s.written!.length} files)`;
      process.stdout.write(`Python ${s.version ?? s.python}: ${what}\n`);
    }
  }
  return failed ? EXIT_ERROR : 0;
}

// Output piped into a reader that stops early (`gen-inc --help | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// Exiting at once spares tearing down a heap of several hundred MB (some 20 ms); on Linux the
// writes to stdout and stderr are synchronous, so nothing printed is lost.
process.exit(await main(process.argv));
