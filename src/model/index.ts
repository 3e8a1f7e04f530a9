// model: resolved types + macros + declarations → the Python API model that every output prints:
// the structs to lay out, the integer constants, the external symbols and the idioms.

import type {
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
} from '../types.js';
import { evaluate, type EvalEnv } from '../cexpr/index.js';
import { diagnostic } from '../diagnostics.js';
import { relativeTo } from '../header-paths.js';
import { offsetOfMember, typeInfoFromTokens } from '../resolve/index.js';
import { functionTypeTexts } from '../resolve/type-text.js';
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
  // relativeTo works each file out once; a file it leaves as it is lies in no include directory
  const relative = relativeTo(install.includeDirs);
  const isPythonHeader = (file: string) => relative(file) !== file;

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

  const macros = new Map<string, MacroDefinition>();
  for (const macro of pp.macros) macros.set(macro.name, macro);
  const structByName = new Map(structs.map((s) => [s.name, s]));
  // The idioms ask for a handful of names: a search each costs less than indexing everything.
  const idioms = buildIdioms({
    macros,
    records: resolved.records,
    recordByName: (name) => (structByName.has(name) ? resolved.records.find((r) => recordName(r) === name) : undefined),
    structByName: (name) => structByName.get(name),
    constant: (name) => lastNamed(constants, name)?.value.value,
    isFunction: (name) => externs.some((e) => e.kind === 'function' && e.name === name),
    expand: input.expand,
    evaluate: (tokens) => evaluate(tokens, env),
    where: (origin) => (origin ? `${relative(origin.file)}:${origin.line}` : 'predefined'),
  });
  diagnostics.push(...idioms.diagnostics);

  const unique = dropNameCollisions(structs, constants, externs, idioms.idioms.map((i) => i.name));
  diagnostics.push(...unique.diagnostics);
  const aliases = buildAliases(pp.macros, unique.externs, isPythonHeader).filter((a) => !unique.isTaken(a.name));

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

/** The last item of that name, as a map built from them all would hold. */
function lastNamed<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.name === name) return items[i];
  return undefined;
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
  for (const object of resolved.objects) {
    const { decl } = object;
    if (decl.storage === 'static' || decl.defined || (decl.inline && decl.storage !== 'extern')) continue;
    if (!isPythonHeader(decl.origin.file) || seen.has(decl.name)) continue;
    seen.add(decl.name);
    out.push(externModel(object));
  }
  return out;
}

/** A function also gets its return type and parameters as C spells them. */
function externModel(object: Resolved['objects'][number]): ExternModel {
  const { decl, type } = object;
  const declared = decl.type;
  if (declared.kind !== 'function' || type.kind !== 'function') return { name: decl.name, kind: decl.kind, typeText: object.typeText, origin: decl.origin };
  const texts = functionTypeTexts(declared, type);
  return {
    name: decl.name,
    kind: decl.kind,
    typeText: texts.typeText,
    origin: decl.origin,
    returns: texts.returns,
    params: declared.params.map((p, i) => (p.name ? { name: p.name, type: texts.params[i]! } : { type: texts.params[i]! })),
    variadic: declared.variadic,
  };
}

/** What claims a name in NASM's one namespace. */
type Claimant = typeof idiomClaimant | StructModel | ConstantModel | ExternModel;
const idiomClaimant = 'an idiom';

/** 'struct PyObject', 'constant METH_VARARGS', 'function Py_IncRef': only a collision needs it. */
function describeClaimant(claimant: Claimant): string {
  if (claimant === idiomClaimant) return claimant;
  if ('strucLines' in claimant) return `struct ${claimant.name}`;
  if ('literal' in claimant) return `constant ${claimant.name}`;
  return `${claimant.kind} ${claimant.name}`;
}

/** NASM has one namespace: a name two kinds of thing claim is emitted for the first only. */
function dropNameCollisions(structs: StructModel[], constants: ConstantModel[], externs: ExternModel[], idiomNames: string[]) {
  const owner = new Map<string, Claimant>();
  const diagnostics: Diagnostic[] = [];
  for (const name of idiomNames) owner.set(name, idiomClaimant);
  const claim = (name: string, claimant: Exclude<Claimant, typeof idiomClaimant>) => {
    const previous = owner.get(name);
    if (previous !== undefined) {
      diagnostics.push(diagnostic('GI5002', [name, describeClaimant(previous), describeClaimant(claimant)], claimant.origin, 'warning'));
      return false;
    }
    owner.set(name, claimant);
    return true;
  };
  const droppedStructs = new Set<Claimant>();
  const keptStructs = structs.filter((s) => {
    const kept = claim(s.name, s) && claim(`${s.name}_size`, s);
    if (!kept) droppedStructs.add(s);
    return kept;
  });
  const keptConstants = constants.filter((c) => claim(c.name, c));
  const keptExterns = externs.filter((e) => claim(e.name, e));
  /** Whether an idiom or a kept struct, constant or extern has the name (a struct's _size label does not count). */
  const isTaken = (name: string) => {
    const claimant = owner.get(name);
    if (claimant === undefined || claimant === idiomClaimant) return claimant !== undefined;
    return claimant.name === name && !droppedStructs.has(claimant);
  };
  return { structs: keptStructs, constants: keptConstants, externs: keptExterns, diagnostics, isTaken };
}
