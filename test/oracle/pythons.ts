// The Pythons the test suite runs against: every install this machine has (through locate's
// findInstalledPythons), optionally narrowed by GEN_INC_PYTHONS=3.12,3.13.
import { findInstalledPythons } from '../../src/locate/index.js';
import type { PythonInstall } from '../../src/types.js';

export interface PythonSelection {
  found: PythonInstall[];
  skipped: { install: PythonInstall; reason: string }[];
}

/** Installed Pythons, filtered by `wanted` short or full versions; throws when none is left. */
export function findPythons(wanted: string[] | undefined = process.env.GEN_INC_PYTHONS?.split(',').filter(Boolean)): PythonSelection {
  const selection: PythonSelection = { found: [], skipped: [] };
  for (const install of findInstalledPythons()) {
    if (!wanted || wanted.includes(install.shortVersion) || wanted.includes(install.version)) selection.found.push(install);
    else selection.skipped.push({ install, reason: `not in ${wanted.join(',')}` });
  }
  if (selection.found.length === 0) {
    const installed = selection.skipped.map(({ install }) => install.version).join(', ') || 'none';
    throw new Error(`no Python with headers to test against (wanted: ${wanted?.join(',') ?? 'any'}; installed: ${installed})`);
  }
  return selection;
}

export function describeInstall(install: PythonInstall): string {
  return `Python ${install.version} (${install.foundBy}: ${install.includeDirs.join(', ')})`;
}

/** Prints which Pythons the tests use and which they skip, so that a run shows what it covered. */
export function printPythons(selection: PythonSelection): void {
  const lines = selection.found.map((install) => `  testing ${describeInstall(install)}`);
  for (const { install, reason } of selection.skipped) lines.push(`  skipping ${describeInstall(install)}: ${reason}`);
  console.log(`gcc oracle: ${selection.found.length} Python(s)\n${lines.join('\n')}`);
}
