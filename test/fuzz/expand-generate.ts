// Drawing an expansion case: a few macros, each body mixing plain tokens, parameters, `#`, `##`
// (sometimes spelled `%:`, `%:%:`), variadic forms and references to the other macros of the case
// (earlier ones invoked, any one named bare, itself included), then source lines that invoke them.

import type { Random } from './random.js';
import { invocation, pastablePunctuators, plainToken, words, type ExpandCase, type MacroDef } from './expand-case.js';

const pasteTexts = ['x', 'y', 'id', '_2', '0', '1', '42', '0x', 'e'];

export function generateExpandCase(random: Random, id: number): ExpandCase {
  const macros: MacroDef[] = [];
  const count = random.int(1, 5);
  const names = Array.from({ length: count }, (_, i) => `M@_${i}`);
  for (let i = 0; i < count; i++) macros.push(generateMacro(random, names[i]!, macros, names));
  const lines: string[][][] = [];
  for (let n = random.int(1, 4); n > 0; n--) lines.push(sourceLine(random, macros));
  return random.chance(0.3) ? { id, macros, lines, wide: true } : { id, macros, lines };
}

function generateMacro(random: Random, name: string, earlier: MacroDef[], allNames: string[]): MacroDef {
  const functionLike = random.chance(0.65);
  const macro: MacroDef = { name, body: [], pasted: [] };
  if (random.chance(0.1)) macro.digraphDirective = true;
  if (functionLike) {
    macro.params = Array.from({ length: random.weighted([[1, 0], [4, 1], [4, 2], [2, 3]]) }, (_, i) => `p${i}`);
    if (random.chance(0.25)) macro.variadic = random.chance(0.75) ? '...' : 'rest';
  }
  const params = macro.params ?? [];
  const vaName = macro.variadic === '...' ? '__VA_ARGS__' : macro.variadic;
  const callable = earlier.filter((m) => m.params === undefined || m.pasted.length === 0);
  const items = random.int(0, 6);
  for (let i = 0; i < items; i++) {
    const kind = random.weighted([
      [4, 'plain'],
      [params.length > 0 ? 5 : 0, 'param'],
      [params.length > 0 ? 2 : 0, 'stringize'],
      [2, 'paste'],
      [vaName ? 2 : 0, 'va'],
      [macro.variadic === '...' ? 1 : 0, 'va-opt'],
      [vaName ? 1 : 0, 'comma-paste'],
      [callable.length > 0 ? 3 : 0, 'call'],
      [2, 'name'],
    ] as const);
    const body = macro.body;
    switch (kind) {
      case 'plain':
        body.push([plainToken(random)]);
        break;
      case 'param':
        body.push([random.pick(params)]);
        break;
      case 'stringize':
        body.push([hash(random), random.pick(params)]);
        break;
      case 'va':
        body.push([vaName!]);
        break;
      case 'va-opt':
        body.push(['__VA_OPT__', '(', ...(random.chance(0.5) ? [','] : [vaOptItem(random, params), ',']), ')']);
        break;
      case 'comma-paste':
        body.push([random.pick(words), ',', hashHash(random), vaName!]);
        break;
      case 'call':
        body.push(invocation(random, random.pick(callable), [], 2, false));
        break;
      case 'name':
        // any macro of the case, itself included: rescanning and hide sets
        body.push([random.pick(allNames)]);
        break;
      case 'paste':
        pasteItem(random, macro, params, vaName);
        break;
    }
  }
  return macro;
}

/** A token or a parameter (whose argument gcc expands even where __VA_OPT__ drops it). */
function vaOptItem(random: Random, params: string[]): string {
  return params.length > 0 && random.chance(0.4) ? random.pick(params) : plainToken(random);
}

/** `#`, or now and then its digraph */
function hash(random: Random): string {
  return random.chance(0.1) ? '%:' : '#';
}

/** `##`, or now and then its digraph */
function hashHash(random: Random): string {
  return random.chance(0.1) ? '%:%:' : '##';
}

/** `a ## b` where both sides are parameters or tokens that paste into one token (or nothing). */
function pasteItem(random: Random, macro: MacroDef, params: string[], vaName: string | undefined): void {
  if (random.chance(0.25)) {
    const [left, right] = random.pick(pastablePunctuators);
    macro.body.push([left, hashHash(random), right]);
    return;
  }
  const side = (): string => {
    if (params.length > 0 && random.chance(0.6)) {
      const index = random.int(0, params.length - 1);
      if (!macro.pasted.includes(index)) macro.pasted.push(index);
      return params[index]!;
    }
    if (vaName && random.chance(0.15)) {
      if (!macro.pasted.includes(-1)) macro.pasted.push(-1);
      return vaName;
    }
    return random.pick(pasteTexts);
  };
  const group = [side(), hashHash(random), side()];
  if (random.chance(0.2)) group.push(hashHash(random), side());
  macro.body.push(group);
}

/** Plain tokens, invocations, and macro names left bare. */
function sourceLine(random: Random, macros: MacroDef[]): string[][] {
  const items: string[][] = [];
  const callable = macros.filter((m) => m.params === undefined || m.pasted.length === 0);
  for (let n = random.int(1, 5); n > 0; n--) {
    const kind = random.weighted([[2, 'plain'], [6, 'call'], [1, 'bare']] as const);
    if (kind === 'plain') items.push([plainToken(random)]);
    else if (kind === 'bare') items.push([random.pick(macros).name]);
    else items.push(invocation(random, random.pick(macros), callable, 0, true));
  }
  return items;
}
