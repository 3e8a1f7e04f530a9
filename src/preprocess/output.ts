// The preprocessed text: one output line per logical source line that produced tokens, tokens
// joined by single spaces, plus where each line came from and which outermost macro invocation
// produced which columns.

import type { ExpansionSpan, Origin } from '../types.js';
import { fail } from '../diagnostics.js';
import type { Macro } from './macros.js';
import { expansionNotes, sourceOrigin } from './state.js';
import type { Token } from './tokenize.js';

export class OutputBuilder {
  private readonly lines: string[] = [];
  readonly lineOrigins: Origin[] = [];
  readonly expansions: ExpansionSpan[] = [];
  /** the output line being built, and its token count */
  private current = '';
  private tokenCount = 0;
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

  emit(token: Token): void {
    if (token.kind === 'unterminated') fail('GI2010', [], sourceOrigin(token), expansionNotes(token));
    const fromSource = token.expansion === undefined;
    if (fromSource) {
      this.placeSourceToken(token);
      this.root = undefined;
    }
    if (this.pendingLine !== undefined) {
      this.startLine(this.pendingLine);
      this.pendingLine = undefined;
    } else if (this.currentOrigin === undefined) {
      this.startLine(sourceOrigin(token));
    }
    const start = this.tokenCount === 0 ? 0 : this.column + 1;
    this.current = this.tokenCount === 0 ? token.text : `${this.current} ${token.text}`;
    this.tokenCount++;
    this.column = start + token.text.length;
    if (fromSource || this.root === undefined) return;
    const line = this.lines.length;
    if (this.rootSpan !== undefined && this.rootSpan.line === line) {
      this.rootSpan.endColumn = this.column;
      return;
    }
    this.rootSpan = { line, startColumn: start, endColumn: this.column, macro: this.root.name };
    if (this.root.origin) this.rootSpan.definedAt = this.root.origin;
    this.expansions.push(this.rootSpan);
  }

  /**
   * A token read from a file starts a new output line at the start of a logical line; also, as
   * with gcc -E, when it is on another physical line than the output line so far and follows
   * whitespace or the end of a macro invocation (tokens after a multi-line invocation's ')').
   */
  private placeSourceToken(token: Token): void {
    const line = this.pendingLine ?? this.currentOrigin;
    const moved = line === undefined || line.line !== token.line || line.file !== token.file;
    if (token.bol || (moved && (token.space || this.root !== undefined))) this.pendingLine = { file: token.file, line: token.line };
  }

  private startLine(origin: Origin): void {
    this.flush();
    this.currentOrigin = { file: origin.file, line: origin.line };
    this.column = 0;
  }

  private flush(): void {
    if (this.tokenCount === 0 || this.currentOrigin === undefined) return;
    this.lines.push(this.current);
    this.lineOrigins.push(this.currentOrigin);
    this.current = '';
    this.tokenCount = 0;
  }

  /** The text, each line ended by a newline. */
  finish(): string {
    this.flush();
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }
}
