// The model → the layout.json object: every struct with its fields, holes and tail padding, every
// constant, function and data symbol. Sorted by name so that the file is reproducible and two
// versions' files line up under a plain text diff.

import type { ConstantModel, ExternModel, IntegerValue, Origin, PythonApiModel, StructMember, StructModel } from '../types.js';
import type { LayoutConstant, LayoutData, LayoutField, LayoutFunction, LayoutJson, LayoutStruct } from './layout-types.js';
import { structGaps } from './gaps.js';

export interface GeneratorInfo {
  name: string;
  version: string;
}

/** 'gen-inc 0.1.0' → { name: 'gen-inc', version: '0.1.0' } */
export function parseGenerator(generator: string): GeneratorInfo {
  const space = generator.lastIndexOf(' ');
  return space < 0 ? { name: generator, version: '' } : { name: generator.slice(0, space), version: generator.slice(space + 1) };
}

export function buildLayout(model: PythonApiModel, generator: GeneratorInfo): LayoutJson {
  const relative = relativeTo(model.python.includeDirs);
  return {
    generator: { name: generator.name, version: generator.version },
    python: {
      version: model.python.version,
      hexversion: model.python.hexversion,
      include_dirs: [...model.python.shownIncludeDirs],
      defines: model.python.defines.map((d) => (d.kind === 'define' ? { kind: d.kind, name: d.name, value: d.value } : { kind: d.kind, name: d.name })),
      target: model.python.target,
    },
    structs: byName(model.structs).map((s) => layoutStruct(s, relative)),
    constants: byName(model.constants).map((c) => layoutConstant(c, relative)),
    functions: byName(model.externs.filter((e) => e.kind === 'function')).map((f) => layoutFunction(f, relative)),
    data: byName(model.externs.filter((e) => e.kind === 'data')).map((d) => ({ name: d.name, type: d.typeText, ...place(d.origin, relative) }) satisfies LayoutData),
  };
}

/** Two-space indented JSON with a final newline. */
export function layoutJsonText(layout: LayoutJson): string {
  return `${JSON.stringify(layout, null, 2)}\n`;
}

function layoutStruct(s: StructModel, relative: (file: string) => string): LayoutStruct {
  const gaps = structGaps(s.members, s.size);
  return {
    name: s.name,
    kind: s.kind,
    tag: s.tag ?? null,
    aliases: [...s.aliases],
    size: s.size,
    align: s.align,
    ...place(s.origin, relative),
    fields: s.members.map(layoutField),
    holes: gaps.holes,
    tail_padding: gaps.tailPadding,
  };
}

function layoutField(m: StructMember): LayoutField {
  return {
    name: m.name,
    offset: m.offset,
    size: m.size,
    align: m.align ?? 1,
    type: m.typeText,
    ...(m.width !== undefined ? { bit_offset: m.bit ?? 0, bit_width: m.width } : {}),
    ...(m.via !== undefined ? { via: m.via } : {}),
    ...(m.fromMacro !== undefined ? { from_macro: m.fromMacro } : {}),
  };
}

function layoutConstant(c: ConstantModel, relative: (file: string) => string): LayoutConstant {
  const value = Number(c.value.value);
  return {
    name: c.name,
    value: Number.isSafeInteger(value) && BigInt(value) === c.value.value ? value : c.value.value.toString(),
    type: integerTypeName(c.value),
    kind: c.kind,
    file: c.origin ? relative(c.origin.file) : null,
    line: c.origin ? c.origin.line : null,
    expansion: c.expansion,
  };
}

function layoutFunction(f: ExternModel, relative: (file: string) => string): LayoutFunction {
  return {
    name: f.name,
    returns: f.returns ?? '',
    params: (f.params ?? []).map((p) => ({ name: p.name ?? null, type: p.type })),
    variadic: f.variadic ?? false,
    ...place(f.origin, relative),
  };
}

/** The integer type of that size and signedness on an LP64 target. */
function integerTypeName(value: IntegerValue): string {
  const names: Record<number, string> = { 1: 'char', 2: 'short', 4: 'int', 8: 'long', 16: '__int128' };
  const name = names[value.size] ?? `int${value.size * 8}_t`;
  if (value.signed) return name === 'char' ? 'signed char' : name;
  return `unsigned ${name}`;
}

function place(origin: Origin, relative: (file: string) => string): { file: string; line: number } {
  return { file: relative(origin.file), line: origin.line };
}

/** A header's path relative to the first include directory holding it; other paths as they are. */
export function relativeTo(includeDirs: readonly string[]): (file: string) => string {
  const prefixes = includeDirs.map((dir) => (dir.endsWith('/') ? dir : `${dir}/`));
  return (file) => {
    const prefix = prefixes.find((p) => file.startsWith(p));
    return prefix ? file.slice(prefix.length) : file;
  };
}

/** Ordered by name in code-unit order, which does not depend on the locale. */
function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
