// One side of `gen-inc diff`: a layout.json file, or a Python generated on the spot.

import { readFileSync } from 'node:fs';
import type { LayoutJson } from '../report/layout-types.js';
import type { Diagnostic } from '../types.js';
import { fail } from '../diagnostics.js';
import { generate } from '../generate.js';

export interface LoadedLayout {
  layout: LayoutJson;
  /** warnings from generating it */
  diagnostics: Diagnostic[];
}

/** A path ending in .json is a layout file; anything else is a Python as `--python` takes it. */
export function loadLayout(spec: string): LoadedLayout {
  if (spec.endsWith('.json')) return { layout: readLayoutFile(spec), diagnostics: [] };
  const result = generate({ python: spec });
  const file = result.files.find((f) => f.path === 'layout.json')!;
  return { layout: JSON.parse(file.contents) as LayoutJson, diagnostics: result.diagnostics };
}

function readLayoutFile(path: string): LayoutJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail('GI6101', [path, (error as Error).message]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail('GI6102', [path, (error as Error).message]);
  }
  const problem = shapeProblem(value);
  if (problem) fail('GI6102', [path, problem]);
  return value as LayoutJson;
}

/** The parts the diff relies on; the full shape is checked by schema/layout.schema.json. */
function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const layout = value as Record<string, unknown>;
  const python = layout['python'] as Record<string, unknown> | undefined;
  if (typeof python !== 'object' || python === null || typeof python['version'] !== 'string') return 'no python.version';
  if (!Array.isArray(python['defines'])) return 'no python.defines';
  for (const key of ['structs', 'constants', 'functions', 'data']) {
    if (!Array.isArray(layout[key])) return `no ${key} list`;
  }
  const badStruct = (layout['structs'] as unknown[]).find((s) => !Array.isArray((s as { fields?: unknown })?.fields));
  if (badStruct !== undefined) return 'a struct without a fields list';
  return undefined;
}
