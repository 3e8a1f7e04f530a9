// A repository records its choices once: gen-inc.config.json, or a "gen-inc" key in package.json.
// Command-line flags override what it says.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MacroOption } from './types.js';
import { fail } from './diagnostics.js';
import { limitedApiValue } from './flavour.js';

export interface Config {
  /** versions or interpreter paths; 'all' for every Python with headers on the machine */
  python?: string[];
  includeDirs?: string[];
  defines?: MacroOption[];
  module?: string;
  out?: string;
  /** the ABI flavour: "limitedApi": "3.6", "debug", "traceRefs", "freeThreaded": true */
  limitedApi?: string;
  debug?: boolean;
  traceRefs?: boolean;
  freeThreaded?: boolean;
  /** where it was read from */
  source: string;
}

export const configFileName = 'gen-inc.config.json';

/** The configuration of the project in `dir`, or of `explicitPath`; an empty one when there is none. */
export function loadConfig(dir: string, explicitPath?: string): Config {
  if (explicitPath) return parseConfig(readJson(explicitPath), explicitPath);
  const own = join(dir, configFileName);
  if (existsSync(own)) return parseConfig(readJson(own), own);
  const pkg = join(dir, 'package.json');
  if (existsSync(pkg)) {
    const json = readJson(pkg) as Record<string, unknown>;
    if (json && typeof json === 'object' && 'gen-inc' in json) return parseConfig(json['gen-inc'], `${pkg} ("gen-inc")`);
  }
  return { source: '(none)' };
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail('GI9002', [path, (error as Error).message]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail('GI9002', [path, (error as Error).message]);
  }
}

const known = new Set(['python', 'includeDirs', 'defines', 'undefines', 'module', 'out', 'limitedApi', 'debug', 'traceRefs', 'freeThreaded']);

function parseConfig(value: unknown, source: string): Config {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail('GI9002', [source, 'expected an object']);
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!known.has(key)) fail('GI9002', [source, `unknown key "${key}" (known: ${[...known].join(', ')})`]);
  const strings = (key: string): string[] | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    fail('GI9002', [source, `"${key}" must be a string or a list of strings`]);
  };
  const string = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || typeof v === 'string') return v;
    fail('GI9002', [source, `"${key}" must be a string`]);
  };
  const boolean = (key: string): boolean | undefined => {
    const v = raw[key];
    if (v === undefined || typeof v === 'boolean') return v;
    fail('GI9002', [source, `"${key}" must be true or false`]);
  };
  const defines: MacroOption[] = [
    ...(strings('defines') ?? []).map((d) => parseDefine(d, source)),
    ...(strings('undefines') ?? []).map((name) => ({ kind: 'undef' as const, name: checkedName(name, source) })),
  ];
  const python = strings('python');
  const includeDirs = strings('includeDirs');
  const module = string('module');
  const out = string('out');
  const limitedApi = string('limitedApi');
  if (limitedApi !== undefined && limitedApiValue(limitedApi) === undefined) fail('GI9002', [source, `"limitedApi" must be a version 3.2 or later, such as "3.6"`]);
  const switches = { debug: boolean('debug'), traceRefs: boolean('traceRefs'), freeThreaded: boolean('freeThreaded') };
  return {
    source,
    ...(python ? { python } : {}),
    ...(includeDirs ? { includeDirs } : {}),
    ...(defines.length ? { defines } : {}),
    ...(module !== undefined ? { module } : {}),
    ...(out !== undefined ? { out } : {}),
    ...(limitedApi !== undefined ? { limitedApi } : {}),
    ...Object.fromEntries(Object.entries(switches).filter(([, v]) => v !== undefined)),
  };
}

/** 'NAME' or 'NAME=VALUE', as after -D. */
export function parseDefine(spec: string, source: string): MacroOption {
  const eq = spec.indexOf('=');
  const name = checkedName(eq < 0 ? spec : spec.slice(0, eq), source);
  return { kind: 'define', name, value: eq < 0 ? '1' : spec.slice(eq + 1) };
}

function checkedName(name: string, source: string): string {
  if (!/^[A-Za-z_]\w*$/.test(name)) fail('GI9002', [source, `"${name}" is not a macro name`]);
  return name;
}
