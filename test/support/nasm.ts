// Asks NASM itself what a generated include means: assemble `dq EXPR` for each expression and read
// the 64-bit values back from the object's .data section.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function nasmValues(includeText: string, expressions: readonly string[]): Promise<bigint[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-nasm-'));
  try {
    writeFileSync(join(dir, 'python.inc'), includeText);
    const body = expressions.map((e) => `    dq ${e}`).join('\n');
    writeFileSync(join(dir, 'probe.asm'), `%include "python.inc"\nsection .data\n${body}\n`);
    await run('nasm', ['-f', 'elf64', '-o', 'probe.o', 'probe.asm'], { cwd: dir, maxBuffer: 64 << 20 });
    await run('objcopy', ['-O', 'binary', '--only-section=.data', 'probe.o', 'probe.bin'], { cwd: dir });
    const bytes = readFileSync(join(dir, 'probe.bin'));
    if (bytes.length !== expressions.length * 8) throw new Error(`expected ${expressions.length * 8} bytes of .data, got ${bytes.length}`);
    return expressions.map((_, i) => bytes.readBigUInt64LE(i * 8));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assemble a source file next to a copy of the include; resolves to nasm's output, rejects with its errors. */
export async function nasmAssemble(includeText: string, source: string, name = 'module.asm'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-nasm-'));
  try {
    writeFileSync(join(dir, 'python.inc'), includeText);
    writeFileSync(join(dir, name), source);
    await run('nasm', ['-f', 'elf64', '-o', 'module.o', name], { cwd: dir, maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
