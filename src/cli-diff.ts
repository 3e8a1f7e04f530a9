// `gen-inc diff A B`: compare two layouts. Exit 0 when identical, 1 when different, 2 on trouble.

import { Command, CommanderError } from 'commander';
import { GenIncError } from './diagnostics.js';
import { diffJsonText, diffLayouts, diffText } from './diff/index.js';
import { loadLayout } from './diff/load.js';
import { EXIT_USAGE, printDiagnostics } from './cli-output.js';

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

export function diffMain(argv: string[]): number {
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

