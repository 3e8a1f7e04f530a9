// ABI flavours by name: --limited-api 3.X, --debug, --trace-refs and --free-threaded are nothing
// but macros defined before the headers, so the headers themselves decide what they change.

import type { MacroOption } from './types.js';

export interface FlavourChoice {
  /** '3.6': read the headers for the stable ABI of Python 3.6 and later */
  limitedApi?: string;
  debug?: boolean;
  traceRefs?: boolean;
  freeThreaded?: boolean;
}

/** The flags and the macro each one defines, in the order they are applied. */
const switches: { key: Exclude<keyof FlavourChoice, 'limitedApi'>; flag: string; macro: string }[] = [
  { key: 'debug', flag: '--debug', macro: 'Py_DEBUG' },
  { key: 'traceRefs', flag: '--trace-refs', macro: 'Py_TRACE_REFS' },
  { key: 'freeThreaded', flag: '--free-threaded', macro: 'Py_GIL_DISABLED' },
];

/** The stable ABI began with Python 3.2 (PEP 384). */
const FIRST_LIMITED_MINOR = 2;

/** '3.6' → 0x03060000, the value Py_LIMITED_API takes for "the stable ABI of 3.6 and later"; undefined when it is not a version. */
export function limitedApiValue(version: string): number | undefined {
  const match = /^3\.(\d{1,2})$/.exec(version);
  if (!match) return undefined;
  const minor = Number(match[1]);
  return minor >= FIRST_LIMITED_MINOR ? 0x03000000 + minor * 0x10000 : undefined;
}

export function hex8(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/** The defines a choice stands for; a limited API version that is not one is the caller's to reject first. */
export function flavourDefines(choice: FlavourChoice): MacroOption[] {
  const defines: MacroOption[] = [];
  if (choice.limitedApi !== undefined) {
    const value = limitedApiValue(choice.limitedApi);
    if (value !== undefined) defines.push({ kind: 'define', name: 'Py_LIMITED_API', value: hex8(value) });
  }
  for (const s of switches) if (choice[s.key]) defines.push({ kind: 'define', name: s.macro, value: '1' });
  return defines;
}

/** A macro option as gcc's command line spells it: -DNAME, -DNAME=VALUE, -UNAME. */
export function macroFlag(option: MacroOption): string {
  if (option.kind === 'undef') return `-U${option.name}`;
  return `-D${option.name}${option.value === '1' ? '' : `=${option.value}`}`;
}

/** The flag that spells a define, when there is one: Py_LIMITED_API=0x030a0000 → '--limited-api 3.10'. */
export function flagForDefine(option: MacroOption): string[] | undefined {
  if (option.kind !== 'define') return undefined;
  if (option.name === 'Py_LIMITED_API') {
    const value = Number(option.value);
    const minor = (value - 0x03000000) / 0x10000;
    return Number.isInteger(minor) && option.value === hex8(value) && limitedApiValue(`3.${minor}`) === value ? ['--limited-api', `3.${minor}`] : undefined;
  }
  const s = switches.find((x) => x.macro === option.name);
  return s && option.value === '1' ? [s.flag] : undefined;
}

export const limitedApiHelp = `the stable ABI (PEP 384) of Python 3.X and later: defines Py_LIMITED_API=0x030X0000; the example module becomes NAME.abi3.so`;
