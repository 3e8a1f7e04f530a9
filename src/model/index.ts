// model: resolved types + macros + declarations → the Python API model that every output prints:
// the structs to lay out, the integer constants, the external symbols and the idioms.

import type {
  CType,
  ConstantModel,
  Diagnostic,
  ExternModel,
  MacroDefinition,
  MacroOption,
  Preprocessed,
  PythonApiModel,
  PythonInstall,
  RecordLayout,
  Resolved,
  StructModel,
  Target,
  TypeRef,
} from '../types.js';
import { evaluate, type EvalEnv } from '../cexpr/index.js';
import { diagnostic } from '../diagnostics.js';
import { offsetOfMember, typeInfoFromTokens } from '../resolve/index.js';
import { typeText } from '../resolve/type-text.js';
import { enumConstantModels, evaluateMacroConstants } from './constants.js';
import { buildAliases } from './aliases.js';
import { buildIdioms } from './idioms.js';
import { abiFlavour } from './refcount.js';
import { buildStructModel, recordName } from './structs.js';

export interface ModelInput {
  install: PythonInstall;
  target: Target;
  defines: MacroOption[];
  /** the command line that regenerates the output, for the header comment */
  command: string;
  pp: Preprocessed;
  resolved: Resolved;
  /** macro-expand a piece of text against the final macro table (from the preprocessor) */
  expand(text: string): string[];
}

export function buildModel(input: ModelInput): PythonApiModel {
  const { install, target, pp, resolved } = input;
  const diagnostics: Diagnostic[] = [];
  const headerDirs = install.includeDirs.map((dir) => (dir.endsWith('/') ? dir : `${dir}/`));
  const isPythonHeader = (file: string) => headerDirs.some((dir) => file.startsWith(dir));

  const enumModels = enumConstantModels(resolved.enumConstants, () => true);
  const enumValues = new Map(enumModels.map((c) => [c.name, c.value]));
  const env: EvalEnv = {
    mode: 'typed',
    charSigned: target.charSigned,
    identifier: (name) => enumValues.get(name),
    typeName: (tokens) => typeInfoFromTokens(resolved, target, tokens),
    offsetOf: (type, member) => offsetOfMember(resolved, target, type, member),
  };

  const structs = buildStructs(resolved.records, isPythonHeader);
  const macroConstants = evaluateMacroConstants(pp.macros, env, isPythonHeader);
  diagnostics.push(...macroConstants.diagnostics);
  const constants: ConstantModel[] = [...macroConstants.constants, ...enumModels.filter((c) => c.origin && isPythonHeader(c.origin.file))];
  const externs = buildExterns(resolved, isPythonHeader);

  const macros = new Map<string, MacroDefinition>(pp.macros.map((m) => [m.name, m]));
  const byName = new Map(structs.map((s) => [s.name, resolved.records.find((r) => recordName(r) === s.name)!]));
  const structByName = new Map(structs.map((s) => [s.name, s]));
  const constantValues = new Map(constants.map((c) => [c.name, c.value.value]));
  const functions = new Set(externs.filter((e) => e.kind === 'function').map((e) => e.name));
  const idioms = buildIdioms({
    macros,
    records: resolved.records,
    recordByName: (name) => byName.get(name),
    structByName: (name) => structByName.get(name),
    constant: (name) => constantValues.get(name),
    isFunction: (name) => functions.has(name),
    expand: input.expand,
    evaluate: (tokens) => evaluate(tokens, env),
    where: (origin) => (origin ? headerPosition(origin, install.includeDirs) : 'predefined'),
  });
  diagnostics.push(...idioms.diagnostics);

  const unique = dropNameCollisions(structs, constants, externs, idioms.idioms.map((i) => i.name));
  diagnostics.push(...unique.diagnostics);
  const taken = new Set([...idioms.idioms.map((i) => i.name), ...unique.structs.map((s) => s.name), ...unique.constants.map((c) => c.name), ...unique.externs.map((e) => e.name)]);
  const aliases = buildAliases(pp.macros, unique.externs, isPythonHeader).filter((a) => !taken.has(a.name));

  return {
    flavour: abiFlavour({ macros, evaluate: (tokens) => evaluate(tokens, env) }),
    python: {
      version: install.version,
      shortVersion: install.shortVersion,
      hexversion: install.hexversion,
      includeDirs: install.includeDirs,
      shownIncludeDirs: install.shownIncludeDirs ?? install.includeDirs,
      ...(install.interpreter ? { interpreter: install.interpreter } : {}),
      defines: input.defines,
      target: target.name,
    },
    command: input.command,
    structs: unique.structs,
    constants: unique.constants,
    externs: unique.externs,
    aliases,
    idioms: idioms.idioms,
    diagnostics,
  };
}

/** 'cpython/object.h:91': a position in a header, relative to the include dir that holds it. */
function headerPosition(origin: { file: string; line: number }, includeDirs: readonly string[]): string {
  const dir = includeDirs.find((d) => origin.file.startsWith(`${d}/`));
  return `${dir ? origin.file.slice(dir.length + 1) : origin.file}:${origin.line}`;
}

/** Every complete record of the Python headers that has a name of its own. */
function buildStructs(records: readonly RecordLayout[], isPythonHeader: (file: string) => boolean): StructModel[] {
  const out: StructModel[] = [];
  for (const record of records) {
    const name = recordName(record);
    if (!record.complete || name === undefined || !isPythonHeader(record.origin.file)) continue;
    out.push(buildStructModel(record, records, name));
  }
  return out;
}

/** Functions and objects with external linkage that the Python headers declare. */
function buildExterns(resolved: Resolved, isPythonHeader: (file: string) => boolean): ExternModel[] {
  const seen = new Set<string>();
  const out: ExternModel[] = [];
  for (const { decl, type, typeText: text } of resolved.objects) {
    if (decl.storage === 'static' || decl.defined || (decl.inline && decl.storage !== 'extern')) continue;
    if (!isPythonHeader(decl.origin.file) || seen.has(decl.name)) continue;
    seen.add(decl.name);
    out.push({ name: decl.name, kind: decl.kind, typeText: text, origin: decl.origin, ...signature(decl.type, type) });
  }
  return out;
}

/** A function's return type and parameters as C spells them; nothing for data. */
function signature(declared: TypeRef, resolved: CType): Pick<ExternModel, 'returns' | 'params' | 'variadic'> {
  if (declared.kind !== 'function' || resolved.kind !== 'function') return {};
  return {
    returns: typeText(declared.returns, resolved.returns),
    params: declared.params.map((p, i) => {
      const type = typeText(p.type, resolved.params[i] ?? { kind: 'void' });
      return p.name ? { name: p.name, type } : { type };
    }),
    variadic: declared.variadic,
  };
}

/** NASM has one namespace: a name two kinds of thing claim is emitted for the first only. */
function dropNameCollisions(structs: StructModel[], constants: ConstantModel[], externs: ExternModel[], idiomNames: string[]) {
  const owner = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const name of idiomNames) owner.set(name, 'an idiom');
  const claim = (name: string, what: string, origin?: { file: string; line: number }) => {
    const previous = owner.get(name);
    if (previous !== undefined) {
      diagnostics.push(diagnostic('GI5002', [name, previous, what], origin, 'warning'));
      return false;
    }
    owner.set(name, what);
    return true;
  };
  const keptStructs = structs.filter((s) => claim(s.name, `struct ${s.name}`, s.origin) && claim(`${s.name}_size`, `struct ${s.name}`, s.origin));
  const keptConstants = constants.filter((c) => claim(c.name, `constant ${c.name}`, c.origin));
  const keptExterns = externs.filter((e) => claim(e.name, `${e.kind} ${e.name}`, e.origin));
  return { structs: keptStructs, constants: keptConstants, externs: keptExterns, diagnostics };
}
