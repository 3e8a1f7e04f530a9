// Random macro definitions and the source lines that use them, for comparing gen-inc's expansion
// with gcc -E token by token: object-like and function-like macros, `#` and `##` (also spelled as
// the digraphs `%:` and `%:%:`, as is `%:define`), variadic macros (`...`, named `args...`,
// `__VA_OPT__`, GNU `, ## __VA_ARGS__`), macros naming other macros (so expansions nest and
// rescan), self- and mutually recursive macros (hide sets), a function-like macro's name left at
// the end of a body for the source to supply its arguments, and arguments with nested parentheses,
// commas, strings, digraphs, empty arguments and line breaks.
//
// Kept valid: `##` only ever pastes operands that form one token (identifiers, numbers, the
// punctuator pairs below, or nothing), and a macro that pastes its parameters is only invoked by
// name, with single-token arguments where it pastes; every invocation has the right number of
// arguments.

import type { Random } from './random.js';

export interface MacroDef {
  name: string;
  /** undefined: object-like */
  params?: string[];
  /** '...': __VA_ARGS__; a name: `name...` (GNU) */
  variadic?: string;
  /** the replacement list as groups of tokens that go together (`# p`, `a ## b`, an invocation) */
  body: string[][];
  /** parameters that `##` touches (-1: the variadic ones): their arguments must be single tokens */
  pasted: number[];
  /** the directive is spelled `%:define` */
  digraphDirective?: boolean;
}

/** Source lines, each a list of items: a token, or a whole invocation (whose arguments may hold '\n'). */
export interface ExpandCase {
  id: number;
  macros: MacroDef[];
  lines: string[][][];
  /** two spaces between items instead of one */
  wide?: boolean;
}

const words = ['a', 'b', 'x', 'y', 'foo', 'bar', 'int', 'return', '_t'];
const numbers = ['0', '1', '42', '0x1F', '3u', '1.5', '07', '1e3', '2L'];
const strings = ['"s"', '"a b"', '"q\\"t"', '"b\\\\s"', "'c'", "'\\''", '"\\n"', '""', 'L"w"', '"%d"'];
const punctuators = ['+', '-', '*', '/', '<', '>', '<=', '==', '!', '&', '&&', '|', '^', '~', '?', ':', ';', '.', '->', '[', ']', '{', '}', '=', '+=', '<<', '>>=', '%', '...', '<:', ':>', '<%', '%>'];
/** punctuator pairs whose paste is one token */
const pastablePunctuators: [string, string][] = [
  ['<', '<'], ['<<', '='], ['-', '>'], ['+', '+'], ['&', '&'], ['|', '|'], ['=', '='], ['!', '='], ['>', '>'], ['-', '='],
  ['%', ':'], ['<', ':'], [':', '>'], ['<', '%'], ['%', '>'],
];

/** Names carry '@', replaced by the case id when the case is written. */
export function expandCaseText(c: ExpandCase): string {
  const defines = c.macros.map((m) => {
    const params = m.params === undefined ? '' : `(${[...m.params, ...(m.variadic ? [m.variadic === '...' ? '...' : `${m.variadic}...`] : [])].join(', ')})`;
    return `${m.digraphDirective ? '%:' : '#'}define ${m.name}${params} ${m.body.flat().join(' ')}`;
  });
  const lines = c.lines.map((items) => items.map((item) => item.join(' ')).join(c.wide ? '  ' : ' '));
  return `${[...defines, `MARK_@ ${lines.join('\n')}`].join('\n')}\n`.replaceAll('@', String(c.id));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return random.pick(items);
}

function plainToken(random: Random): string {
  return random.weighted([
    [4, () => pick(random, words)],
    [2, () => pick(random, numbers)],
    [2, () => pick(random, strings)],
    [3, () => pick(random, punctuators)],
  ])();
}

/** Tokens with balanced parentheses and no top-level comma: one argument. `newlines`: in a source line, not a body. */
function argumentTokens(random: Random, invocable: MacroDef[], depth: number, newlines: boolean): string[] {
  const out: string[] = [];
  for (let n = random.weighted([[2, 0], [4, 1], [3, 2], [1, 4]]); n > 0; n--) {
    const kind = random.weighted([[6, 'plain'], [depth < 2 ? 2 : 0, 'parens'], [depth < 2 && invocable.length > 0 ? 2 : 0, 'call'], [1, 'space']] as const);
    if (kind === 'plain') out.push(plainToken(random));
    else if (kind === 'space') out.push(random.pick(newlines ? ['/* c */', '\n', '\t'] : ['/* c */', '\t']));
    else if (kind === 'parens') out.push('(', ...argumentTokens(random, invocable, depth + 1, newlines), ',', ...argumentTokens(random, invocable, depth + 1, newlines), ')');
    else out.push(...invocation(random, random.pick(invocable), invocable, depth + 1, newlines));
  }
  return out;
}

/** `NAME ( args )` with the right number of arguments; single tokens where NAME pastes. */
export function invocation(random: Random, macro: MacroDef, invocable: MacroDef[], depth: number, newlines: boolean): string[] {
  if (macro.params === undefined) return [macro.name];
  const count = macro.params.length + (macro.variadic ? random.int(0, 2) : 0);
  if (count === 0) return [macro.name, '(', ')'];
  const out = [macro.name, '('];
  const comma = random.chance(0.2) ? ' ,' : ',';
  for (let i = 0; i < count; i++) {
    if (i > 0) out.push(comma);
    const variadic = i >= macro.params.length;
    const pasted = macro.pasted.includes(i) || (variadic && macro.pasted.includes(-1));
    out.push(...(pasted ? (random.chance(0.2) ? [] : [pasteOperand(random)]) : argumentTokens(random, invocable.filter((m) => m.pasted.length === 0), depth, newlines)));
  }
  out.push(')');
  return out;
}

function pasteOperand(random: Random): string {
  return random.chance(0.6) ? pick(random, ['x', 'y', 'ab', '_1', 'L', 'u8']) : pick(random, ['0', '1', '12', '0x', '7e']);
}

export { pastablePunctuators, plainToken, words };
