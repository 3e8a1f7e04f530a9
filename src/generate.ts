// The library entry point: the whole pipeline for one Python, as one screen.
//   locate → preprocess → parse → resolve → model → emit

import type { Diagnostic, GeneratedFile, MacroOption, PythonApiModel, PythonInstall } from './types.js';
import { locate } from './locate/index.js';
import { expandText, preprocess } from './preprocess/index.js';
import { parse } from './parse/index.js';
import { resolve } from './resolve/index.js';
import { buildModel } from './model/index.js';
import { emit, type EmitOptions } from './emit/index.js';
import { x86_64LinuxGnu } from './target/x86_64-linux-gnu.js';
import { GenIncError, fail } from './diagnostics.js';
import { generatorName } from './version.js';
import { flagForDefine, macroFlag } from './flavour.js';

/** The headers a module author includes: Python.h and the public headers it leaves out. */
export const entryHeaders = ['Python.h', 'structmember.h'];

export interface GenerateOptions {
  /** a version such as '3.13', or an interpreter path */
  python: string;
  includeDirs?: string[];
  defines?: MacroOption[];
  /** the example module's name (default 'asm'); must be a Python identifier */
  module?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface GenerateResult extends ModelResult {
  files: GeneratedFile[];
}

/** Everything but the files: what emit needs, and what a run reports. */
export interface ModelResult {
  install: PythonInstall;
  model: PythonApiModel;
  /** warnings; errors are thrown as GenIncError */
  diagnostics: Diagnostic[];
}

export function generate(options: GenerateOptions): GenerateResult {
  const modelled = generateModel(options);
  return { ...modelled, files: emit(modelled.model, emitOptions(options)) };
}

/** locate → preprocess → parse → resolve → model */
export function generateModel(options: GenerateOptions): ModelResult {
  if (options.module !== undefined && !isModuleName(options.module)) fail('GI9001', [`--module ${options.module}: not a Python identifier`]);
  const target = x86_64LinuxGnu;
  const defines = options.defines ?? [];
  const install = locate({ python: options.python, ...optional(options) });
  const pp = withinStack('preprocess', () => preprocess({ install, target, entryHeaders, defines }));
  const decls = withinStack('parse', () => parse(pp));
  const resolved = withinStack('resolve', () => resolve(decls, target));
  const diagnostics = [...pp.diagnostics, ...decls.diagnostics, ...resolved.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new GenIncError(errors);
  const model = buildModel({
    install,
    target,
    defines,
    command: regenerateCommand(options, install),
    pp,
    resolved,
    expand: (text) => expandText(pp, text),
  });
  return { install, model, diagnostics: [...diagnostics, ...model.diagnostics] };
}

/** What emit is told besides the model. */
export function emitOptions(options: Pick<GenerateOptions, 'module'>): EmitOptions {
  return { generator: generatorName, module: options.module ?? 'asm' };
}

/** A declaration nested deeper than the stack allows is an error of the run, not a crash. */
function withinStack<T>(stage: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) fail('GI9003', [stage]);
    throw error;
  }
}

/** The command that regenerates these files, the same whatever else the run that made them did. */
function regenerateCommand(options: GenerateOptions, install: PythonInstall): string {
  // An interpreter path is this machine's; the version is what the files are for.
  const python = options.includeDirs?.length ? options.python : install.shortVersion;
  const words = ['gen-inc', '--python', python];
  for (const dir of options.includeDirs ?? []) words.push('--include-dir', dir);
  for (const d of options.defines ?? []) words.push(...(flagForDefine(d) ?? [macroFlag(d)]));
  if (options.module && options.module !== 'asm') words.push('--module', options.module);
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function optional(options: GenerateOptions) {
  return {
    ...(options.includeDirs?.length ? { includeDirs: options.includeDirs } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  };
}

const pythonKeywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** An ASCII Python identifier: it names a file, a NASM label and PyInit_NAME alike. */
export function isModuleName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !pythonKeywords.has(name);
}
