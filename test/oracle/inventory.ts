// What the Python headers declare, as gcc sees it, limited to declarations in files inside the
// Python include dirs: records and enum constants and extern data from DWARF, functions from
// -aux-info, integer macros from `gcc -E -dD` filtered through gccConstants.
import { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { gccConstants } from './constants.js';
import { parseDies, parseFileTable, typeReference, type Die } from './dwarf.js';
import { includeLines, includeOptions, run, withTempDir, type OracleInstall } from './gcc.js';

export interface InventoryRecord {
  /** the first typedef naming it, else 'struct tag' / 'union tag'. An incomplete record is listed only
   * when a typedef names it: DWARF gives it no position of its own, so file and line are the typedef's. */
  name: string;
  kind: 'struct' | 'union';
  tag?: string;
  /** typedef names that name it (directly or through other typedefs), in declaration order */
  typedefs: string[];
  file: string;
  line: number;
  complete: boolean;
}

export interface Inventory {
  records: InventoryRecord[];
  /** object-like macros defined in the Python headers that are integer constant expressions */
  integerMacros: string[];
  enumConstants: string[];
  /** non-static function declarations */
  functions: string[];
  /** extern object declarations */
  data: string[];
}

function insidePythonDirs(includeDirs: string[]): (file: string) => boolean {
  const roots = new Set<string>();
  for (const dir of includeDirs) {
    roots.add(resolve(dir));
    try {
      roots.add(realpathSync(dir));
    } catch {
      // a missing dir contributes only its spelling
    }
  }
  return (file) => {
    const path = normalize(file);
    for (const root of roots) if (path.startsWith(`${root}/`)) return true;
    return false;
  };
}

/** Object-like macros whose final definition is in a Python header, from `gcc -E -dD` with its line markers. */
export function objectLikeMacros(dump: string, inside: (file: string) => boolean): string[] {
  const definedIn = new Map<string, string>();
  let file = '';
  for (const line of dump.split('\n')) {
    if (line.startsWith('# ')) {
      const marker = /^# \d+ "((?:[^"\\]|\\.)*)"/.exec(line);
      if (marker) file = marker[1]!.replace(/\\(.)/g, '$1');
    } else if (line.startsWith('#define ')) {
      const define = /^#define (\w+)(\()?/.exec(line)!;
      if (define[2]) definedIn.delete(define[1]!);
      else definedIn.set(define[1]!, file);
    } else if (line.startsWith('#undef ')) {
      definedIn.delete(line.slice('#undef '.length).trim());
    }
  }
  return [...definedIn].filter(([, where]) => inside(where)).map(([name]) => name);
}

const notDeclaratorNames = new Set([
  'extern', 'static', 'inline', '__inline', '__inline__', 'const', '__const', 'volatile', 'restrict', '__restrict',
  'void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned', '_Bool', '_Complex', '__int128',
  'struct', 'union', 'enum', '__attribute__', '__extension__', '_Noreturn',
]);

/** The declared name in an -aux-info declaration: the first identifier, not a keyword, followed by '('. */
export function declaredFunctionName(declaration: string): string | undefined {
  for (const match of declaration.matchAll(/([A-Za-z_]\w*)\s*\(/g)) if (!notDeclaratorNames.has(match[1]!)) return match[1];
  return undefined;
}

/** Non-static function declarations from gcc's -aux-info listing (`/* file:line:NC *\/ extern int f (int);`). */
export function functionsFromAuxInfo(auxInfo: string, inside: (file: string) => boolean): string[] {
  const names = new Set<string>();
  for (const match of auxInfo.matchAll(/^\/\* (.+):\d+:[NO][CF] \*\/ (.*)$/gm)) {
    if (!inside(match[1]!) || /^static\b/.test(match[2]!)) continue;
    const name = declaredFunctionName(match[2]!);
    if (name) names.add(name);
  }
  return [...names];
}

function recordsFromDwarf(dies: Die[], files: string[], inside: (file: string) => boolean): InventoryRecord[] {
  const byOffset = new Map(dies.map((die) => [die.offset, die]));
  const typedefsOf = new Map<number, Die[]>();
  for (const die of dies) {
    if (die.tag !== 'typedef') continue;
    let target = byOffset.get(typeReference(die) ?? -1);
    for (let hops = 0; target?.tag === 'typedef' && hops < 64; hops++) target = byOffset.get(typeReference(target) ?? -1);
    if (target?.tag !== 'structure_type' && target?.tag !== 'union_type') continue;
    const typedefs = typedefsOf.get(target.offset) ?? [];
    typedefs.push(die);
    typedefsOf.set(target.offset, typedefs);
  }
  const records: InventoryRecord[] = [];
  for (const die of dies) {
    if (die.tag !== 'structure_type' && die.tag !== 'union_type') continue;
    const typedefDies = typedefsOf.get(die.offset) ?? [];
    // gcc gives an incomplete record no position: its first typedef is where the headers declare it.
    const declaredAt = die.attributes.has('decl_file') ? die : typedefDies[0];
    const file = declaredAt && files[Number(declaredAt.attributes.get('decl_file'))];
    if (!file || !inside(file)) continue;
    const kind = die.tag === 'structure_type' ? 'struct' : 'union';
    const tag = die.attributes.get('name');
    const typedefs = typedefDies.map((typedef) => typedef.attributes.get('name')!);
    const name = typedefs[0] ?? (tag ? `${kind} ${tag}` : undefined);
    if (!name) continue;
    const line = Number(declaredAt.attributes.get('decl_line'));
    const record: InventoryRecord = { name, kind, typedefs, file, line, complete: !die.attributes.has('declaration') };
    if (tag) record.tag = tag;
    records.push(record);
  }
  return records;
}

function declaredInside(die: Die | undefined, files: string[], inside: (file: string) => boolean): boolean {
  const file = die && files[Number(die.attributes.get('decl_file'))];
  return !!file && inside(file);
}

/** Two gcc runs over the headers (-E -dD; -g -aux-info -c) side by side, then gccConstants on the macro candidates. */
export async function gccInventory(install: OracleInstall, defines: string[], headers: string[]): Promise<Inventory> {
  const inside = insidePythonDirs(install.includeDirs);
  const options = includeOptions(install, defines);
  return withTempDir(async (dir) => {
    await writeFile(join(dir, 'probe.c'), includeLines(headers));
    const debugFlags = ['-g', '-gdwarf-5', '-fno-eliminate-unused-debug-types', '-fno-eliminate-unused-debug-symbols'];
    const macrosPass = run('gcc', [...options, '-E', '-dD', 'probe.c'], dir).then(({ stdout }) => {
      const candidates = objectLikeMacros(stdout, inside);
      return gccConstants(install, defines, headers, candidates).then((constants) =>
        candidates.filter((name) => constants.get(name)?.kind === 'integer'),
      );
    });
    const debugPass = run('gcc', [...options, ...debugFlags, '-aux-info', 'probe.aux', '-c', 'probe.c', '-o', 'probe.o'], dir).then(() =>
      Promise.all([
        run('readelf', ['--debug-dump=info', 'probe.o'], dir),
        run('readelf', ['--debug-dump=line', 'probe.o'], dir),
        readFile(join(dir, 'probe.aux'), 'utf8'),
      ]),
    );
    const [integerMacros, [info, line, auxInfo]] = await Promise.all([macrosPass, debugPass]);

    const dies = parseDies(info.stdout);
    const files = parseFileTable(line.stdout);
    const enumConstants = dies
      .filter((die) => die.tag === 'enumerator' && declaredInside(die.parent, files, inside))
      .map((die) => die.attributes.get('name')!);
    const data = dies
      .filter((die) => die.tag === 'variable' && die.depth === 1 && die.attributes.has('external') && declaredInside(die, files, inside))
      .map((die) => die.attributes.get('name')!);
    return {
      records: recordsFromDwarf(dies, files, inside),
      integerMacros,
      enumConstants: [...new Set(enumConstants)],
      functions: functionsFromAuxInfo(auxInfo, inside),
      data: [...new Set(data)],
    };
  });
}
