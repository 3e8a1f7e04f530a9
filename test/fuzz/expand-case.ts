// Random macro definitions and the source lines that use them, for comparing gen-inc's expansion
// with gcc -E token by token: object-like and function-like macros, `#` and `##`, variadic
// macros (`...`, named `args...`, `__VA_OPT__`, GNU `, ## __VA_ARGS__`), macros naming other
// macros (so expansions nest and rescan), self- and mutually recursive macros (hide sets), a
// function-like macro's name left at the end of a body for the source to supply its arguments, and
// arguments with nested parentheses, commas, strings, empty arguments and line breaks.
//
// Kept valid: `##` only ever pastes operands that form one token (identifiers, numbers, the
// punctuator pairs below, or nothing), and a macro that pastes its parameters is only invoked by
// name, with single-token arguments where it pastes; every invocation has the right number of
// arguments.

import type { Random } from './random.js';
import { avoidsGap } from './settings.js';

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
  /** the body has `, ## __VA_ARGS__` */
  commaPaste?: boolean;
  /** the body has `__VA_OPT__` */
  vaOpt?: boolean;
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
const punctuators = ['+', '-', '*', '/', '<', '>', '<=', '==', '!', '&', '&&', '|', '^', '~', '?', ':', ';', '.', '->', '[', ']', '{', '}', '=', '+=', '<<', '>>=', '%', '...'];
/**
 * Known gaps of gen-inc's preprocessor, left out until they are fixed (see avoidsGap):
 * - 'digraph': digraphs are no tokens to gen-inc; `%: ## :`-style pastes that make one (`%:`,
 *   `<:`) are rejected, and `%:define` is no directive.
 * - 'comma paste with an empty argument': `, ## __VA_ARGS__` when the variadic argument is
 *   given but empty (`G(1,)` for `#define G(fmt, ...) f(fmt, ## __VA_ARGS__)`): gcc keeps the
 *   comma (`f(1,)`), gen-inc drops it (`f(1)`); gcc drops it only when the argument is left out.
 * - 'va-opt of an argument that expands to nothing': `__VA_OPT__(x)` when the variadic argument is
 *   there but macro-expands to nothing (`#define E` … `O(1, E)` for `#define O(a, ...)
 *   __VA_OPT__(x)`): gcc (C2x) gives nothing, gen-inc gives `x`; gen-inc also never expands such
 *   an argument, so a wrong invocation inside it (`O(1, F(2))` for `#define F()`) passes silently.
 * - 'pasted comma from variadic arguments': `##` next to a variadic parameter whose arguments hold
 *   a comma (`N(0, L, )` for `#define N(rest...) rest ## rest`): gcc pastes nothing onto the
 *   comma, as in its `, ## __VA_ARGS__` extension, and goes on (`0 , L ,0 , L ,`); gen-inc stops
 *   with "pasting "," and "0" does not give a valid preprocessing token".
 */
const expansionGaps = [
  'digraph', 'comma paste with an empty argument', 'va-opt of an argument that expands to nothing', 'pasted comma from variadic arguments',
] as const;

function avoids(gap: (typeof expansionGaps)[number]): boolean {
  return avoidsGap(gap);
}

/** punctuator pairs whose paste is one token */
const pastablePunctuators: [string, string][] = [
  ['<', '<'], ['<<', '='], ['-', '>'], ['+', '+'], ['&', '&'], ['|', '|'], ['=', '='], ['!', '='], ['>', '>'], ['-', '='],
  ...(avoids('digraph') ? [] : ([['%', ':'], ['<', ':']] as [string, string][])),
];

/** Names carry '@', replaced by the case id when the case is written. */
export function expandCaseText(c: ExpandCase): string {
  const defines = c.macros.map((m) => {
    const params = m.params === undefined ? '' : `(${[...m.params, ...(m.variadic ? [m.variadic === '...' ? '...' : `${m.variadic}...`] : [])].join(', ')})`;
    return `#define ${m.name}${params} ${m.body.flat().join(' ')}`;
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
    else if (kind === 'parens') out.push('(', ...argumentTokens(random, invocable, depth + 1, newlines), ',', ...parenthesizedSecond(random, invocable, depth, newlines), ')');
    else out.push(...invocation(random, random.pick(invocable), invocable, depth + 1, newlines));
  }
  return out;
}

/**
 * The part after the comma of `( a , b )`: rescanning may make it a variadic argument (a bare
 * macro name before the parentheses), so it is never empty while the comma-paste gap is avoided.
 */
function parenthesizedSecond(random: Random, invocable: MacroDef[], depth: number, newlines: boolean): string[] {
  const tokens = argumentTokens(random, invocable, depth + 1, newlines);
  return isBlank(tokens) && avoids('comma paste with an empty argument') ? [...tokens, plainToken(random)] : tokens;
}

function isBlank(tokens: string[]): boolean {
  return tokens.every((t) => /^\s*$|^\/\*/.test(t));
}

/** `NAME ( args )` with the right number of arguments; single tokens where NAME pastes. */
export function invocation(random: Random, macro: MacroDef, invocable: MacroDef[], depth: number, newlines: boolean): string[] {
  if (macro.params === undefined) return [macro.name];
  const variadicCount = macro.pasted.includes(-1) && avoids('pasted comma from variadic arguments') ? 1 : 2;
  const count = macro.params.length + (macro.variadic ? random.int(0, variadicCount) : 0);
  if (count === 0) return [macro.name, '(', ')'];
  const out = [macro.name, '('];
  const comma = random.chance(0.2) ? ' ,' : ',';
  for (let i = 0; i < count; i++) {
    if (i > 0) out.push(comma);
    const variadic = i >= macro.params.length;
    const pasted = macro.pasted.includes(i) || (variadic && macro.pasted.includes(-1));
    let tokens = pasted ? (random.chance(0.2) ? [] : [pasteOperand(random)]) : argumentTokens(random, invocable.filter((m) => m.pasted.length === 0), depth, newlines);
    if (variadic && macro.vaOpt && avoids('va-opt of an argument that expands to nothing')) tokens = random.chance(0.3) ? [] : [plainToken(random)];
    if (variadic && macro.commaPaste && avoids('comma paste with an empty argument') && isBlank(tokens)) tokens = ['x'];
    out.push(...tokens);
  }
  out.push(')');
  return out;
}

function pasteOperand(random: Random): string {
  return random.chance(0.6) ? pick(random, ['x', 'y', 'ab', '_1', 'L', 'u8']) : pick(random, ['0', '1', '12', '0x', '7e']);
}

export { pastablePunctuators, plainToken, words };
