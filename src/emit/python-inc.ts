// The view of python.inc: every line already decided, so the template only prints.

import type { ConstantModel, ExternModel, MacroOption, PythonApiModel, StrucLine, StructModel } from '../types.js';

const COMMENT_COLUMN = 40;

/** `text` then `; comment` at a fixed column, or just `text` when there is no comment. */
function commented(text: string, comment: string): string {
  if (!comment) return text;
  return `${text.padEnd(COMMENT_COLUMN - 1)} ; ${comment}`;
}

function where(origin: { file: string; line: number } | undefined, includeDirs: string[]): string {
  if (!origin) return '';
  const dir = includeDirs.find((d) => origin.file.startsWith(`${d}/`));
  return `${dir ? origin.file.slice(dir.length + 1) : origin.file}:${origin.line}`;
}

export function definesText(defines: MacroOption[]): string {
  if (defines.length === 0) return '(none)';
  return defines.map((d) => (d.kind === 'define' ? `-D${d.name}${d.value === '1' ? '' : `=${d.value}`}` : `-U${d.name}`)).join(' ');
}

/** Merge each label with the reservation that follows it, as one would write it by hand. */
function strucBody(lines: StrucLine[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'align') out.push(commented(`    alignb ${line.align}`, line.comment));
    else if (line.kind === 'reserve') out.push(commented(`    ${line.directive} ${line.count}`, line.comment));
    else {
      const next = lines[i + 1];
      if (next?.kind === 'reserve') {
        out.push(commented(`  .${line.name}: ${next.directive} ${next.count}`, line.comment));
        i++;
      } else out.push(commented(`  .${line.name}:`, line.comment));
    }
  }
  return out;
}

function structView(s: StructModel, includeDirs: string[]) {
  const aka = s.aliases.length ? `, also ${s.aliases.join(', ')}` : '';
  return {
    name: s.name,
    heading: `${s.kind} ${s.name}${aka}: ${s.size} bytes, align ${s.align}, ${where(s.origin, includeDirs)}`,
    body: strucBody(s.strucLines),
    equates: s.equates.map((e) => commented(`${e.name} equ ${e.value}`, e.comment)),
  };
}

function constantLine(c: ConstantModel, includeDirs: string[]): string {
  const shown = c.expansion.length > 60 ? `${c.expansion.slice(0, 57)}...` : c.expansion;
  const comment = c.kind === 'enum' ? `enum constant, ${where(c.origin, includeDirs)}` : `${shown}  ${where(c.origin, includeDirs)}`;
  return commented(`%define ${c.name} ${c.literal}`, comment);
}

function externLine(e: ExternModel, includeDirs: string[]): string {
  return commented(`extern ${e.name}`, `${e.kind}, ${where(e.origin, includeDirs)}`);
}

export function pythonIncView(model: PythonApiModel, generator: string) {
  const dirs = model.python.includeDirs;
  return {
    generator,
    python: model.python,
    defines: definesText(model.python.defines),
    command: model.command,
    idioms: model.idioms,
    constants: model.constants.map((c) => constantLine(c, dirs)),
    structs: model.structs.map((s) => structView(s, dirs)),
    externs: model.externs.map((e) => externLine(e, dirs)),
    aliases: model.aliases.map((a) => commented(`%define ${a.name} ${a.target}`, `${a.kind} renamed by the headers, ${where(a.origin, dirs)}`)),
  };
}
