// A layout diff as text for a person (grouped by struct, one change a line) and as JSON.

import { plural } from '../report/rows.js';
import type { FieldPlace, LayoutChange, LayoutDiff, LayoutSide, Position } from './types.js';

export function diffJsonText(diff: LayoutDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

export function diffText(diff: LayoutDiff): string {
  const lines = [`--- ${sideText(diff.from)}`, `+++ ${sideText(diff.to)}`];
  if (diff.identical) return `${[...lines, 'no differences'].join('\n')}\n`;
  lines.push(summaryText(diff));

  const structLevel = diff.changes.filter((c) => c.kind === 'struct-added' || c.kind === 'struct-removed');
  if (structLevel.length > 0) lines.push('', 'structs:', ...structLevel.map(changeLine));

  const byStruct = new Map<string, LayoutChange[]>();
  for (const change of diff.changes) {
    if (!('struct' in change) || change.kind === 'struct-added' || change.kind === 'struct-removed') continue;
    byStruct.set(change.struct, [...(byStruct.get(change.struct) ?? []), change]);
  }
  for (const [struct, changes] of byStruct) lines.push('', `struct ${struct}:`, ...changes.map(changeLine));

  for (const [title, prefix] of [['constants', 'constant-'], ['functions', 'function-'], ['data', 'data-']] as const) {
    const changes = diff.changes.filter((c) => c.kind.startsWith(prefix));
    if (changes.length > 0) lines.push('', `${title}:`, ...changes.map(changeLine));
  }
  return `${lines.join('\n')}\n`;
}

function sideText(side: LayoutSide): string {
  const defines = side.defines === 'none' ? '' : ` ${side.defines}`;
  return `Python ${side.python}${defines} on ${side.target} (${side.source})`;
}

function summaryText(diff: LayoutDiff): string {
  const s = diff.summary;
  const changedStructs = new Set(diff.changes.flatMap((c) => ('struct' in c && c.kind !== 'struct-added' && c.kind !== 'struct-removed' ? [c.struct] : []))).size;
  const fields = s['field-added'] + s['field-removed'] + s['field-moved'] + s['field-resized'] + s['field-retyped'] + s['field-renamed'] + s['field-replaced'];
  return [
    `structs: ${s['struct-added']} added, ${s['struct-removed']} removed, ${changedStructs} changed (${plural(fields, 'field change')})`,
    `constants: ${s['constant-added']} added, ${s['constant-removed']} removed, ${s['constant-changed']} changed`,
    `functions: ${s['function-added']} added, ${s['function-removed']} removed, ${s['function-changed']} changed`,
    `data: ${s['data-added']} added, ${s['data-removed']} removed, ${s['data-retyped']} retyped`,
  ].join('\n');
}

function changeLine(change: LayoutChange): string {
  const verb = change.kind.slice(change.kind.indexOf('-') + 1);
  return `  ${verb.padEnd(9)} ${changeText(change)}`;
}

function changeText(change: LayoutChange): string {
  switch (change.kind) {
    case 'struct-added':
    case 'struct-removed':
      return `${change.struct} (${plural(change.size, 'byte')})`;
    case 'struct-resized':
      return `size ${change.old} -> ${change.new}`;
    case 'struct-realigned':
      return `alignment ${change.old} -> ${change.new}`;
    case 'field-added':
    case 'field-removed':
      return placeText(change.field);
    case 'field-moved':
      return `${change.field}: ${positionText(change.old)} -> ${positionText(change.new)}`;
    case 'field-resized':
      return `${change.field}: ${change.old} -> ${plural(change.new, 'byte')}`;
    case 'field-retyped':
      return `${change.field}: ${change.old} -> ${change.new}`;
    case 'field-renamed':
      return `${change.old.name} -> ${placeText(change.new)}`;
    case 'field-replaced':
      return `${change.old.map(placeText).join(', ')} by ${change.new.map(placeText).join(', ')}`;
    case 'constant-added':
    case 'constant-removed':
      return `${change.name} = ${change.value} (${change.type})`;
    case 'constant-changed':
      return `${change.name}: ${change.old.value} (${change.old.type}) -> ${change.new.value} (${change.new.type})`;
    case 'function-added':
    case 'function-removed':
      return change.declaration;
    case 'function-changed':
      return `${change.name}: ${change.old} -> ${change.new}`;
    case 'data-added':
    case 'data-removed':
      return `${change.name}: ${change.type}`;
    case 'data-retyped':
      return `${change.name}: ${change.old} -> ${change.new}`;
  }
}

/** 'ob_size (at 16, 8 bytes, Py_ssize_t)' */
function placeText(field: FieldPlace): string {
  const bits = field.bit_width !== undefined ? `, bits ${field.bit_offset}..${field.bit_offset! + field.bit_width - 1}` : '';
  return `${field.name} (at ${field.offset}${bits}, ${plural(field.size, 'byte')}, ${field.type})`;
}

function positionText(position: Position): string {
  return position.bit_offset !== undefined ? `${position.offset} bit ${position.bit_offset}` : String(position.offset);
}
