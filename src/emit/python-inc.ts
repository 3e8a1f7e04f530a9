// The view of python.inc: every line already decided, so the template only prints.

import { macroFlag } from '../flavour.js';
import { relativeTo } from '../header-paths.js';
import type { ConstantModel, ExternModel, MacroOption, PythonApiModel, StrucLine, StructModel } from '../types.js';

const COMMENT_COLUMN = 40;

/** `text` then `; comment` at a fixed column, or just `text` when there is no comment. */
function commented(text: string, comment: string): string {
  if (!comment) return text;
  return `${text.padEnd(COMMENT_COLUMN - 1)} ; ${comment}`;
}

type Relative = (file: string) => string;

function where(origin: { file: string; line: number } | undefined, relative: Relative): string {
  return origin ? `${relative(origin.file)}:${origin.line}` : '';
}

export function definesText(defines: MacroOption[]): string {
  if (defines.length === 0) return '(none)';
  return defines.map(macroFlag).join(' ');
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

function structView(s: StructModel, relative: Relative) {
  const aka = s.aliases.length ? `, also ${s.aliases.join(', ')}` : '';
  return {
    name: s.name,
    heading: `${s.kind} ${s.name}${aka}: ${s.size} bytes, align ${s.align}, ${where(s.origin, relative)}`,
    body: strucBody(s.strucLines),
    equates: s.equates.map((e) => commented(`${e.name} equ ${e.value}`, e.comment)),
  };
}

function constantLine(c: ConstantModel, relative: Relative): string {
  const shown = c.expansion.length > 60 ? `${c.expansion.slice(0, 57)}...` : c.expansion;
  const comment = c.kind === 'enum' ? `enum constant, ${where(c.origin, relative)}` : `${shown}  ${where(c.origin, relative)}`;
  return commented(`%define ${c.name} ${c.literal}`, comment);
}

function externLine(e: ExternModel, relative: Relative): string {
  return commented(`extern ${e.name}`, `${e.kind}, ${where(e.origin, relative)}`);
}

export function pythonIncView(model: PythonApiModel, generator: string) {
  const dirs = relativeTo(model.python.includeDirs);
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
