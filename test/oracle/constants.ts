// Integer constants as gcc sees them. A name is an integer constant expression when gcc, with
// -pedantic-errors, accepts it where C requires one: the size of a file-scope array. Its value,
// size and signedness are then printed at run time, as a 128-bit pattern so that no type is too wide.
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { compileAndRun, includeLines, includeOptions, run, withTempDir, type OracleInstall } from './gcc.js';

export type GccConstant =
  | { kind: 'integer'; value: bigint; size: number; signed: boolean }
  /** `reason` is gcc's error, or why the expansion could not even be probed */
  | { kind: 'not-integer'; reason: string };

const prelude = `
#include <stdio.h>
__extension__ typedef unsigned __int128 gi_u128;
static void gi_report(int item, int is_signed, unsigned long size, gi_u128 value) {
  printf("C %d %d %lu %016llx%016llx\\n", item, is_signed, size, (unsigned long long)(value >> 64), (unsigned long long)value);
}
`;

const literal = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

/** Why an expansion cannot sit inside a probe without breaking the lines around it, if it cannot. */
function unsafeExpansion(expansion: string): string | undefined {
  const bare = expansion.replace(literal, '0');
  if (bare.trim() === '') return 'it expands to nothing';
  if (/[;{}]/.test(bare)) return `it expands to a statement or block: ${expansion}`;
  const closing: string[] = [];
  for (const char of bare) {
    if (char === '(') closing.push(')');
    else if (char === '[') closing.push(']');
    else if ((char === ')' || char === ']') && closing.pop() !== char) return `it expands to unbalanced brackets: ${expansion}`;
  }
  return closing.length > 0 ? `it expands to unbalanced brackets: ${expansion}` : undefined;
}

/** Each name's expansion, from one `gcc -E` over the same headers. */
async function expandNames(install: OracleInstall, defines: string[], headers: string[], names: string[]): Promise<string[]> {
  return withTempDir(async (dir) => {
    const marked = names.map((name, index) => `@gi${index}@ ${name} @gi@\n`).join('');
    await writeFile(join(dir, 'expand.c'), `${includeLines(headers)}${marked}`);
    const { stdout } = await run('gcc', [...includeOptions(install, defines), '-E', '-P', 'expand.c'], dir);
    const expansions = new Array<string>(names.length).fill('');
    for (const match of stdout.matchAll(/@gi(\d+)@ (.*?) ?@gi@/g)) expansions[Number(match[1])] = match[2]!;
    return expansions;
  });
}

/** One `gcc -E` and one gcc compile and run for all names (plus a retry when some are not integers). */
export async function gccConstants(
  install: OracleInstall,
  defines: string[],
  headers: string[],
  names: string[],
): Promise<Map<string, GccConstant>> {
  const unique = [...new Set(names)];
  const expansions = await expandNames(install, defines, headers, unique);
  const results = new Map<string, GccConstant>();
  const probed: string[] = [];
  unique.forEach((name, index) => {
    const unsafe = unsafeExpansion(expansions[index]!);
    if (unsafe) results.set(name, { kind: 'not-integer', reason: unsafe });
    else probed.push(name);
  });

  const items = probed.map((name, item) => ({
    fileScope: `char gi_probe_${item}[((${name}) * 0) + 1];`,
    inMain: `gi_report(${item}, (__typeof__(${name}))-1 < (__typeof__(${name}))0, sizeof(${name}), (gi_u128)(${name}));`,
  }));
  const { stdout, rejected } = await compileAndRun({ install, defines, headers, prelude, items, flags: ['-pedantic-errors'] });

  for (const [item, reason] of rejected) results.set(probed[item]!, { kind: 'not-integer', reason });
  for (const match of stdout.matchAll(/^C (\d+) ([01]) (\d+) ([0-9a-f]{32})$/gm)) {
    const signed = match[2] === '1';
    const pattern = BigInt(`0x${match[4]}`);
    results.set(probed[Number(match[1])]!, {
      kind: 'integer',
      value: signed ? BigInt.asIntN(128, pattern) : pattern,
      size: Number(match[3]),
      signed,
    });
  }
  return new Map(names.map((name) => [name, results.get(name)!]));
}
