// --check: compare what would be generated with what is on disk, writing nothing. A stale or
// missing file is reported with a short unified diff, the way `prettier --check` gates formatting.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedFile } from './types.js';

export interface StaleFile {
  path: string;
  reason: 'missing' | 'different';
  /** a unified diff from the file on disk to the generated one, cut to `maxLines` */
  diff: string;
}

/** The include and the reports in `outDir` against what would be generated; example files are the user's. */
export function checkOutputs(outDir: string, files: readonly GeneratedFile[], maxLines = 40): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const file of files.filter((f) => f.role !== 'example')) {
    const path = join(outDir, file.path);
    let current: string;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      stale.push({ path, reason: 'missing', diff: `--- ${path} (missing)\n+++ ${path} (generated)\n` });
      continue;
    }
    if (current !== file.contents) stale.push({ path, reason: 'different', diff: unifiedDiff(path, current, file.contents, maxLines) });
  }
  return stale;
}

type Edit = { kind: ' ' | '-' | '+'; line: string };

/** A unified diff of two texts with three lines of context, at most `maxLines` lines of hunks. */
export function unifiedDiff(path: string, before: string, after: string, maxLines = 40): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = lineEdits(a.lines, b.lines);
  const lastA = a.lines.length - 1;
  const lastB = b.lines.length - 1;
  const out = [`--- ${path} (on disk)`, `+++ ${path} (generated)`];
  let printed = 0;
  let omitted = 0;
  for (const hunk of hunks(edits, 3)) {
    const lines = [`@@ -${hunk.aStart + 1},${hunk.aCount} +${hunk.bStart + 1},${hunk.bCount} @@`];
    let ia = hunk.aStart;
    let ib = hunk.bStart;
    for (const e of hunk.edits) {
      lines.push(`${e.kind}${e.line}`);
      const endsA = e.kind !== '+' && ia++ === lastA && !a.finalNewline;
      const endsB = e.kind !== '-' && ib++ === lastB && !b.finalNewline;
      if (endsA || endsB) lines.push('\\ No newline at end of file');
    }
    for (const line of lines) {
      if (printed < maxLines) out.push(line);
      else omitted++;
      printed++;
    }
  }
  if (omitted > 0) out.push(`... ${omitted} more diff lines`);
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  return { lines: (finalNewline ? text.slice(0, -1) : text).split('\n'), finalNewline };
}

/** The line edits that turn a into b: common prefix and suffix, then an LCS of what is between. */
function lineEdits(a: string[], b: string[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = lcsEdits(a.slice(start, endA), b.slice(start, endB));
  return [...a.slice(0, start).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(endA).map((line) => ({ kind: ' ' as const, line }))];
}

const LCS_LIMIT = 4_000_000;

function lcsEdits(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  if (n * m > LCS_LIMIT) {
    // Too large to align line by line: show it as replaced.
    return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
  }
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      edits.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (i < n && (j === m || table[(i + 1) * width + j]! >= table[i * width + j + 1]!)) {
      edits.push({ kind: '-', line: a[i]! });
      i++;
    } else {
      edits.push({ kind: '+', line: b[j]! });
      j++;
    }
  }
  return edits;
}

interface Hunk {
  aStart: number;
  aCount: number;
  bStart: number;
  bCount: number;
  edits: Edit[];
}

function hunks(edits: Edit[], context: number): Hunk[] {
  const changed = edits.map((e, index) => (e.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const out: Hunk[] = [];
  let k = 0;
  while (k < changed.length) {
    const first = Math.max(0, changed[k]! - context);
    let last = changed[k]!;
    while (k + 1 < changed.length && changed[k + 1]! - last <= 2 * context) last = changed[++k]!;
    k++;
    const end = Math.min(edits.length - 1, last + context);
    let aStart = 0;
    let bStart = 0;
    for (let i = 0; i < first; i++) {
      if (edits[i]!.kind !== '+') aStart++;
      if (edits[i]!.kind !== '-') bStart++;
    }
    const slice = edits.slice(first, end + 1);
    out.push({
      aStart,
      bStart,
      aCount: slice.filter((e) => e.kind !== '+').length,
      bCount: slice.filter((e) => e.kind !== '-').length,
      edits: slice,
    });
  }
  return out;
}
