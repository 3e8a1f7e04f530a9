// The preprocessed text: one output line per logical source line that produced tokens, tokens
// joined by single spaces, plus where each line came from and which outermost macro invocation
// produced which columns.

import type { ExpansionSpan, Origin } from '../types.js';
import { fail } from '../diagnostics.js';
import type { Macro } from './macros.js';
import { expansionNotes, sourceOrigin } from './state.js';
import type { Expansion, Token } from './token.js';

/** What the output needs of a token read from a file. */
export type SourceToken = Pick<Token, 'kind' | 'text' | 'file' | 'line' | 'column' | 'space' | 'bol'>;

export class OutputBuilder {
  /** the finished lines, each ended by '\n', then the tokens of the line being built */
  private text = '';
  private finishedLines = 0;
  readonly lineOrigins: Origin[] = [];
  readonly expansions: ExpansionSpan[] = [];
  /** how many tokens the line being built has */
  private currentCount = 0;
  private currentOrigin: Origin | undefined;
  private column = 0;
  /** a new output line starts with the next token emitted, coming from this source line */
  private pendingLine: Origin | undefined;
  /** the outermost invocation whose expansion is being emitted */
  private root: Macro | undefined;
  private rootSpan: ExpansionSpan | undefined;

  /** A macro is invoked by a token read from a file: what it expands to is one span. */
  beginInvocation(nameToken: Token, macro: Macro): void {
    this.placeSourceToken(nameToken);
    this.root = macro;
    this.rootSpan = undefined;
  }

  /** A token read from a file that invokes no macro (a Token, or the scanner's current token). */
  emitSource(token: SourceToken): void {
    if (token.kind === 'unterminated') fail('GI2010', [], { file: token.file, line: token.line, column: token.column });
    this.placeSourceToken(token);
    this.root = undefined;
    if (!this.startPendingLine()) this.startLine(token);
    this.append(token.text);
  }

  emit(token: Token): void {
    if (token.expansion === undefined) return this.emitSource(token);
    if (token.kind === 'unterminated') fail('GI2010', [], sourceOrigin(token), expansionNotes(token));
    this.emitExpanded(token.text, token.expansion);
  }

  /** A token that `expansion` produced (and that is not an unterminated literal). */
  emitExpanded(text: string, expansion: Expansion): void {
    if (!this.startPendingLine()) this.startLine(sourceOrigin(expansion.invokedBy));
    const start = this.append(text);
    if (this.root === undefined) return;
    const line = this.finishedLines;
    if (this.rootSpan !== undefined && this.rootSpan.line === line) {
      this.rootSpan.endColumn = this.column;
      return;
    }
    this.rootSpan = { line, startColumn: start, endColumn: this.column, macro: this.root.name };
    if (this.root.origin) this.rootSpan.definedAt = this.root.origin;
    this.expansions.push(this.rootSpan);
  }

  /** Adds a token's text to the line being built; returns its column. */
  private append(text: string): number {
    const start = this.currentCount++ === 0 ? 0 : this.column + 1;
    // Appended as it comes: V8 keeps the concatenations as a rope and flattens it once, when the
    // finished text is first read, instead of joining every line and then the lines again.
    this.text += start === 0 ? text : ` ${text}`;
    this.column = start + text.length;
    return start;
  }

  /**
   * A token read from a file starts a new output line at the start of a logical line; also, as
   * with gcc -E, when it is on another physical line than the output line so far and follows
   * whitespace or the end of a macro invocation (tokens after a multi-line invocation's ')').
   */
  private placeSourceToken(token: SourceToken): void {
    const line = this.pendingLine ?? this.currentOrigin;
    const moved = line === undefined || line.line !== token.line || line.file !== token.file;
    if (token.bol || (moved && (token.space || this.root !== undefined))) this.pendingLine = { file: token.file, line: token.line };
  }

  /** Starts the pending new line, if any; false when no line is open at all. */
  private startPendingLine(): boolean {
    if (this.pendingLine === undefined) return this.currentOrigin !== undefined;
    // made by placeSourceToken for this and shared with nothing: it can be the line's origin
    this.flush();
    this.currentOrigin = this.pendingLine;
    this.column = 0;
    this.pendingLine = undefined;
    return true;
  }

  private startLine(origin: Origin): void {
    this.flush();
    this.currentOrigin = { file: origin.file, line: origin.line };
    this.column = 0;
  }

  private flush(): void {
    if (this.currentCount === 0 || this.currentOrigin === undefined) return;
    this.text += '\n';
    this.finishedLines++;
    this.lineOrigins.push(this.currentOrigin);
    this.currentCount = 0;
  }

  /** The text, each line ended by a newline. */
  finish(): string {
    this.flush();
    return this.text;
  }
}
