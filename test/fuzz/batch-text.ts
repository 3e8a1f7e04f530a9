// A header made of many cases, one after another, that knows which case each line belongs to, so
// that a diagnostic's line (gen-inc's or gcc's) names a case.

export class BatchText<C extends { id: number }> {
  /** the case of each line; index 0 unused (lines are 1-based) */
  private readonly owners: (C | undefined)[] = [undefined];

  constructor(
    readonly cases: readonly C[],
    readonly texts: readonly string[],
    /** lines before the first case */
    readonly preamble = '',
  ) {
    for (let n = lineCount(preamble); n > 0; n--) this.owners.push(undefined);
    texts.forEach((text, index) => {
      for (let n = lineCount(text); n > 0; n--) this.owners.push(cases[index]);
    });
  }

  caseAt(line: number): C | undefined {
    return this.owners[line];
  }

  /** The text with the cases `keep` rejects blanked out, so that line numbers do not move. */
  text(keep: (c: C) => boolean = () => true): string {
    return this.preamble + this.texts.map((text, i) => (keep(this.cases[i]!) ? text : text.replace(/[^\n]/g, ''))).join('');
  }
}

function lineCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
