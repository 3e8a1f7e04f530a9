// The state of one preprocessing run and the token reader over its stack of inputs.
//
// Input is a stack of frames: a file being scanned (where `#` at the start of a line is a directive)
// or a list of tokens (a macro's expansion waiting to be rescanned, a token pushed back after
// looking ahead, an argument being expanded). Reading takes from the top frame and falls through
// to the one below when it runs out, which is how an expansion is rescanned together with the rest
// of the source.

import type { Diagnostic, Origin, PreprocessOptions, Target } from '../types.js';
import { fail } from '../diagnostics.js';
import { HideSet } from './hideset.js';
import type { Macro } from './macros.js';
import { isHashPunctuator, Token, type Expansion } from './token.js';
import { runDirective } from './directives.js';
import type { SourceFile } from './include.js';
import type { Scanner } from './scanner.js';

/** Limits that turn hostile input into a clear error instead of a crash. */
export const limits = {
  includeDepth: 200,
  /** nested argument expansions (each is a recursion) */
  expansionDepth: 256,
  /** input frames stacked at once */
  frames: 100_000,
  /** tokens produced by all macro expansions of a run */
  expandedTokens: 5_000_000,
  /** tokens one macro of the final table may expand to (a constant is never near it) */
  finalExpansionTokens: 100_000,
  fileBytes: 16 * 1024 * 1024,
  /** parentheses nested in one #if expression */
  ifParentheses: 256,
};

/** An open #if group in a file. */
export interface Condition {
  /** some branch of the group has been included */
  taken: boolean;
  sawElse: boolean;
  origin: Origin;
}

export interface FileContext {
  source: SourceFile;
  scanner: Scanner;
  dir: string;
  /** index in the search path where the file was found (-1: next to its includer); for #include_next */
  searchIndex: number;
  conditions: Condition[];
}

/**
 * A list of tokens to read, or (with `file`, and no tokens) a file being scanned. With an
 * `expansion`, the tokens are a macro's substituted body, each read as the copy that expansion
 * makes of it (with `hideset` added, and the invocation's spacing on the first): copies are made
 * only for tokens that need to be Tokens.
 */
export class Frame {
  // Declared, not class fields, as in Token: frames are made for every expansion.
  declare pos: number;
  declare readonly tokens: readonly Token[];
  declare readonly file: FileContext | undefined;
  declare readonly expansion: Expansion | undefined;
  declare readonly hideset: HideSet;

  constructor(tokens: readonly Token[], file: FileContext | undefined, expansion: Expansion | undefined, hideset: HideSet) {
    this.pos = 0;
    this.tokens = tokens;
    this.file = file;
    this.expansion = expansion;
    this.hideset = hideset;
  }
}

const noTokens: readonly Token[] = [];

export function fileFrame(file: FileContext): Frame {
  return new Frame(noTokens, file, undefined, HideSet.empty);
}

export class State {
  readonly target: Target;
  readonly macros: Map<string, Macro>;
  readonly frames: Frame[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** every file read, in first-read order, and its text */
  readonly sources = new Map<string, SourceFile>();
  readonly onceFiles = new Set<string>();
  /** include candidates looked at: the size of a regular file, -1 for anything else */
  readonly fileSizes = new Map<string, number>();
  readonly pushedMacros = new Map<string, (Macro | undefined)[]>();
  readonly systemHeaders: ReadonlySet<string>;
  readonly hasAttribute: ReadonlySet<string>;
  readonly hasBuiltin: ReadonlySet<string>;
  includeDepth = 0;
  expansionDepth = 0;
  expandedTokens = 0;
  /** what expandedTokens may reach: the run's limit, or one final expansion's */
  tokenBudget = limits.expandedTokens;
  counter = 0;

  constructor(
    readonly options: PreprocessOptions,
    macros: Map<string, Macro>,
  ) {
    this.target = options.target;
    this.macros = macros;
    this.systemHeaders = new Set(options.target.systemHeaders);
    this.hasAttribute = new Set(options.target.hasAttribute);
    this.hasBuiltin = new Set(options.target.hasBuiltin);
  }

  pushTokens(tokens: readonly Token[]): void {
    this.pushFrame(tokens, undefined, HideSet.empty);
  }

  /** Pushes a macro's substituted body, to be read as marked by `expansion` (see Frame). */
  pushExpansion(tokens: readonly Token[], expansion: Expansion, hideset: HideSet): void {
    this.pushFrame(tokens, expansion, hideset);
  }

  /** Puts a token read too far back in front of the input. */
  unread(token: Token): void {
    this.frames.push(new Frame([token], undefined, undefined, HideSet.empty));
  }

  private pushFrame(tokens: readonly Token[], expansion: Expansion | undefined, hideset: HideSet): void {
    if (tokens.length === 0) return;
    if (this.frames.length >= limits.frames) fail('GI2019', [`more than ${limits.frames} macro expansions pending`]);
    this.frames.push(new Frame(tokens, undefined, expansion, hideset));
  }
}

/**
 * The next token, without macro expansion. Directives in files are carried out on the way and
 * skipped groups are passed over. At the end of a file returns an 'eof' token; when nothing is left,
 * an 'eof' token too (check `state.frames.length`).
 */
export function nextToken(state: State): Token {
  const frames = state.frames;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const file = frame.file;
    if (file !== undefined) {
      const scanned = scanFile(state, file);
      if (scanned === Scanned.Token) return file.scanner.token();
      if (scanned === Scanned.EndOfFile) return new Token('eof', '', file.source.path, file.scanner.line + 1, 1, false, true, HideSet.empty, undefined);
      continue;
    }
    if (frame.pos < frame.tokens.length) return readFrame(frame);
    frames.pop();
  }
  return endOfInput;
}

/** The next token of a token frame (not at its end), as its expansion marks it. */
function readFrame(frame: Frame): Token {
  const index = frame.pos++;
  const token = frame.tokens[index];
  const expansion = frame.expansion;
  if (expansion === undefined) return token;
  return token.expandedCopy(token.hideset.union(frame.hideset), expansion, index === 0 ? expansion.invokedBy.space : token.space);
}

export type Scanned = 0 | 1 | 2;
export const Scanned = { Token: 0, Directive: 1, EndOfFile: 2 } as const;

/**
 * Scans the next token of `file`, the top of the input, into its scanner. A directive is carried
 * out instead (and may push another file); at the end the file is closed and popped.
 */
export function scanFile(state: State, file: FileContext): Scanned {
  const scanner = file.scanner;
  if (!scanner.advance()) {
    state.frames.pop();
    const open = file.conditions;
    if (open.length > 0) fail('GI2003', ['if'], open[open.length - 1].origin);
    state.includeDepth--;
    return Scanned.EndOfFile;
  }
  if (scanner.bol && isHashPunctuator(scanner.kind, scanner.text)) {
    runDirective(state, file);
    return Scanned.Directive;
  }
  return Scanned.Token;
}

const endOfInput = new Token('eof', '', '<end>', 0, 0, false, true, HideSet.empty, undefined);

/** Where a token came from in the text being preprocessed: the outermost invocation's place. */
export function sourceOrigin(token: Token): Origin {
  let outer = token;
  while (outer.expansion !== undefined) outer = outer.expansion.invokedBy;
  return { file: outer.file, line: outer.line, column: outer.column };
}

/** "expanded from macro X" notes, innermost first, for a diagnostic about `token`. */
export function expansionNotes(token: Token): Diagnostic['notes'] {
  const notes: NonNullable<Diagnostic['notes']> = [];
  for (let e = token.expansion; e !== undefined; e = e.invokedBy.expansion) {
    const note: { message: string; origin?: Origin } = { message: `expanded from macro ${e.macro.name}` };
    if (e.macro.origin) note.origin = e.macro.origin;
    notes.push(note);
  }
  return notes;
}
