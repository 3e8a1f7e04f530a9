// The state of one preprocessing run and the token reader over its stack of inputs.
//
// Input is a stack of frames: a file being read (where `#` at the start of a line is a directive)
// or a list of tokens (a macro's expansion waiting to be rescanned, a token pushed back after
// looking ahead, an argument being expanded). Reading takes from the top frame and falls through
// to the one below when it runs out, which is how an expansion is rescanned together with the rest
// of the source.

import type { Diagnostic, Origin, PreprocessOptions, Target } from '../types.js';
import { fail } from '../diagnostics.js';
import { HideSet } from './hideset.js';
import type { Macro } from './macros.js';
import { Token } from './tokenize.js';
import { runDirective } from './directives.js';
import type { SourceFile } from './include.js';

/** Limits that turn hostile input into a clear error instead of a crash. */
export const limits = {
  includeDepth: 200,
  /** nested argument expansions (each is a recursion) */
  expansionDepth: 256,
  /** input frames stacked at once */
  frames: 100_000,
  /** tokens produced by all macro expansions of a run */
  expandedTokens: 5_000_000,
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
  dir: string;
  /** index in the search path where the file was found (-1: next to its includer); for #include_next */
  searchIndex: number;
  conditions: Condition[];
}

export class Frame {
  pos = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly file?: FileContext,
  ) {}
}

export class State {
  readonly target: Target;
  readonly macros: Map<string, Macro>;
  readonly frames: Frame[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** every file read, in first-read order, and its tokens */
  readonly sources = new Map<string, SourceFile>();
  readonly onceFiles = new Set<string>();
  /** stat results of include candidates */
  readonly fileExists = new Map<string, boolean>();
  readonly pushedMacros = new Map<string, (Macro | undefined)[]>();
  readonly systemHeaders: ReadonlySet<string>;
  readonly hasAttribute: ReadonlySet<string>;
  readonly hasBuiltin: ReadonlySet<string>;
  includeDepth = 0;
  expansionDepth = 0;
  expandedTokens = 0;
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
    if (tokens.length === 0) return;
    if (this.frames.length >= limits.frames) fail('GI2019', [`more than ${limits.frames} macro expansions pending`]);
    this.frames.push(new Frame(tokens));
  }

  /** Puts a token read too far back in front of the input. */
  unread(token: Token): void {
    this.frames.push(new Frame([token]));
  }
}

/**
 * The next token, without macro expansion. Directives in files are carried out on the way and
 * skipped groups are passed over. At the end of a file returns an 'eof' token; when nothing is left,
 * an 'eof' token too (check `state.frames.length`).
 */
export function nextToken(state: State): Token {
  for (;;) {
    const frame = state.frames[state.frames.length - 1];
    if (frame === undefined) return endOfInput;
    if (frame.pos >= frame.tokens.length) {
      state.frames.pop();
      if (frame.file === undefined) continue;
      return endOfFile(state, frame.file);
    }
    const token = frame.tokens[frame.pos++];
    if (frame.file !== undefined && token.bol && token.text === '#' && token.kind === 'punctuator') {
      runDirective(state, frame, frame.file);
      continue;
    }
    return token;
  }
}

const endOfInput = new Token('eof', '', '<end>', 0, 0, false, true, HideSet.empty, undefined);

function endOfFile(state: State, file: FileContext): Token {
  const open = file.conditions[file.conditions.length - 1];
  if (open !== undefined) fail('GI2003', ['if'], open.origin);
  state.includeDepth--;
  const last = file.source.tokens[file.source.tokens.length - 1];
  return new Token('eof', '', file.source.path, last ? last.line + 1 : 1, 1, false, true, HideSet.empty, undefined);
}

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
