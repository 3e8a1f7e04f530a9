// The model → the layout.json object: every struct with its fields, holes and tail padding, every
// constant, function and data symbol. Sorted by name so that the file is reproducible and two
// versions' files line up under a plain text diff.

import type { ConstantModel, ExternModel, IntegerValue, PythonApiModel, StructMember, StructModel } from '../types.js';
import type { LayoutConstant, LayoutData, LayoutField, LayoutFunction, LayoutJson, LayoutStruct } from './layout-types.js';
import { structGaps } from './gaps.js';
import { relativeTo } from '../header-paths.js';

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
    data: byName(model.externs.filter((e) => e.kind === 'data')).map((d) => layoutData(d, relative)),
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
    file: relative(s.origin.file),
    line: s.origin.line,
    fields: s.members.map(layoutField),
    holes: gaps.holes,
    tail_padding: gaps.tailPadding,
  };
}

/** The optional keys are added in the schema's order, and only when they apply. */
function layoutField(m: StructMember): LayoutField {
  const field: LayoutField = { name: m.name, offset: m.offset, size: m.size, align: m.align ?? 1, type: m.typeText };
  if (m.width !== undefined) {
    field.bit_offset = m.bit ?? 0;
    field.bit_width = m.width;
  }
  if (m.via !== undefined) field.via = m.via;
  if (m.fromMacro !== undefined) field.from_macro = m.fromMacro;
  return field;
}

function layoutConstant(c: ConstantModel, relative: (file: string) => string): LayoutConstant {
  const value = Number(c.value.value);
  return {
    name: c.name,
    // Only an integer within ±(2^53 - 1) converts to a safe integer, and it converts exactly.
    value: Number.isSafeInteger(value) ? value : c.value.value.toString(),
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
    file: relative(f.origin.file),
    line: f.origin.line,
  };
}

function layoutData(d: ExternModel, relative: (file: string) => string): LayoutData {
  return { name: d.name, type: d.typeText, file: relative(d.origin.file), line: d.origin.line };
}

const integerTypeNames: Record<number, string> = { 1: 'char', 2: 'short', 4: 'int', 8: 'long', 16: '__int128' };

/** The integer type of that size and signedness on an LP64 target. */
function integerTypeName(value: IntegerValue): string {
  const name = integerTypeNames[value.size] ?? `int${value.size * 8}_t`;
  if (value.signed) return name === 'char' ? 'signed char' : name;
  return `unsigned ${name}`;
}

/** Ordered by name in code-unit order, which does not depend on the locale. */
function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
