#!/usr/bin/env node
// The command line: parse arguments, call generate(), write the files, print diagnostics and set
// the exit code. The only module that prints or decides how the process ends.

import { Command, CommanderError, Option } from 'commander';
import type { Diagnostic, MacroOption } from './types.js';
import { GenIncError, formatDiagnostic } from './diagnostics.js';
import { generate, isModuleName } from './generate.js';
import { writeOutputs } from './output.js';
import { generatorVersion } from './version.js';
import { diffJsonText, diffLayouts, diffText } from './diff/index.js';
import { loadLayout } from './diff/load.js';

const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

function parseArguments(argv: string[]) {
  const macroOptions: MacroOption[] = [];
  const define = (spec: string) => {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new CommanderError(EXIT_USAGE, 'gen-inc.define', `-D ${spec}: not a macro name`);
    macroOptions.push({ kind: 'define', name, value: eq < 0 ? '1' : spec.slice(eq + 1) });
  };
  const undefine = (name: string) => {
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new CommanderError(EXIT_USAGE, 'gen-inc.undefine', `-U ${name}: not a macro name`);
    macroOptions.push({ kind: 'undef', name });
  };
  const program = new Command('gen-inc')
    .description(
      'Read the C headers of one CPython and write python.inc, a NASM include with every struct\n' +
        'layout, integer constant and API symbol of that exact Python, each equal to what gcc computes.',
    )
    .version(generatorVersion, '-V, --version')
    .requiredOption('--python <version|path>', "the Python to read: a version such as '3.6' or '3.13', or an interpreter path")
    .addOption(new Option('--include-dir <dir>', 'read the headers from DIR instead of looking for them (repeatable)').argParser((v, prev: string[] = []) => [...prev, v]))
    .addOption(new Option('-D, --define <name[=value]>', 'define a macro before the headers, e.g. -D Py_TRACE_REFS (repeatable)').argParser((v) => define(v)))
    .addOption(new Option('-U, --undefine <name>', 'undefine a macro before the headers (repeatable)').argParser((v) => undefine(v)))
    .option('-o, --out <dir>', "where to write the files (default: 'python<X.Y>' in the current directory)")
    .option('-m, --module <name>', "the example module's name: NAME.asm, PyInit_NAME, test_NAME.py", 'asm')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      '\nExamples:\n  gen-inc --python 3.13\n  gen-inc --python /usr/bin/python3.11 --out include/\n  gen-inc --python 3.12 -D Py_TRACE_REFS\n\n' +
        'The include directory is found in this order: --include-dir; the interpreter\'s own sysconfig\n' +
        "(the path given, or python3.X on PATH); $PYENV_ROOT/versions/3.X*; /usr/include/python3.X[m] and\n/usr/local/include/python3.X[m].\n\n" +
        'Besides python.inc, every run writes layout.json, layout.html and layout.md; `gen-inc diff A B`\n' +
        'compares two layouts (see gen-inc diff --help).\n\n' +
        'Exit status: 0 on success, 1 on an error, 2 on a usage error.',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(argv);
  const opts = program.opts<{ python: string; includeDir?: string[]; out?: string; module: string; quiet?: boolean }>();
  if (!isModuleName(opts.module)) throw new CommanderError(EXIT_USAGE, 'gen-inc.module', `--module ${opts.module}: not a Python identifier (letters, digits and _, not starting with a digit)`);
  return { ...opts, macroOptions };
}

function printDiagnostics(diagnostics: Diagnostic[], quiet: boolean): void {
  for (const d of diagnostics) {
    if (quiet && d.severity !== 'error') continue;
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}

function main(argv: string[]): number {
  if (argv[2] === 'diff') return diffMain(argv.slice(3));
  let args: ReturnType<typeof parseArguments>;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code.startsWith('gen-inc.')) process.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  try {
    const command = ['gen-inc', ...argv.slice(2)].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
    const result = generate({
      python: args.python,
      ...(args.includeDir ? { includeDirs: args.includeDir } : {}),
      defines: args.macroOptions,
      module: args.module,
      command,
    });
    const outDir = args.out ?? `python${result.install.shortVersion}`;
    const written = writeOutputs(outDir, result.files);
    printDiagnostics(result.diagnostics, args.quiet ?? false);
    if (!args.quiet) {
      const m = result.model;
      process.stdout.write(
        `Python ${m.python.version} (${result.install.foundBy}): ${m.structs.length} structs, ${m.constants.length} constants, ` +
          `${m.externs.length} symbols\n${written.map((w) => `  wrote ${w}`).join('\n')}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof GenIncError) {
      printDiagnostics(error.diagnostics, false);
      return EXIT_ERROR;
    }
    throw error;
  }
}

// ───────────── gen-inc diff A B: exit 0 when identical, 1 when different, 2 on trouble ─────────────

const EXIT_DIFFERENT = 1;

function parseDiffArguments(args: string[]) {
  const program = new Command('gen-inc diff')
    .description(
      'Compare two layouts: structs added and removed, fields added, removed, moved, resized, retyped and replaced, ' +
        'size changes, constants, functions and data added, removed and changed.',
    )
    .argument('<A>', "the old side: a layout.json file, or a Python version ('3.11') or interpreter generated on the spot")
    .argument('<B>', 'the new side, the same way')
    .option('--json', 'print the differences as JSON')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n  gen-inc diff 3.11 3.12\n  gen-inc diff python3.12/layout.json python3.13/layout.json --json\n\nExit status: 0 when identical, 1 when different, 2 on a usage error or when a side cannot be read.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(args, { from: 'user' });
  const [from, to] = program.args as [string, string];
  return { from, to, ...program.opts<{ json?: boolean; quiet?: boolean }>() };
}

function diffMain(argv: string[]): number {
  let args: ReturnType<typeof parseDiffArguments>;
  try {
    args = parseDiffArguments(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' ? 0 : EXIT_USAGE;
    throw error;
  }
  try {
    const from = loadLayout(args.from);
    const to = loadLayout(args.to);
    printDiagnostics([...from.diagnostics, ...to.diagnostics], true);
    const diff = diffLayouts(from.layout, to.layout, { from: args.from, to: args.to });
    if (!args.quiet) process.stdout.write(args.json ? diffJsonText(diff) : diffText(diff));
    return diff.identical ? 0 : EXIT_DIFFERENT;
  } catch (error) {
    if (error instanceof GenIncError) {
      printDiagnostics(error.diagnostics, false);
      return EXIT_USAGE;
    }
    throw error;
  }
}

process.exitCode = main(process.argv);
