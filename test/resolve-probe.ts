// gcc as the oracle for layouts: a C program that prints what gcc decided (sizes, alignments,
// offsets, bit positions found at run time, enum values) beside the same facts taken from a
// Resolved, keyed alike, so a test compares two maps.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CType, Declarations, RecordLayout, Resolved, Target } from '../src/types.js';
import { typeInfoFromTokens } from '../src/resolve/index.js';

export interface Probe {
  /** C statements printing `key<TAB>value` lines */
  statements: string[];
  /** what resolve says, by the same keys */
  expected: Map<string, string>;
}

export interface ProbeOptions {
  /** only records, typedefs and enums declared in these files are probed */
  isOwnFile(file: string): boolean;
}

/** Probe every named complete record, sized typedef and enum of `decls` that `options` selects. */
export function layoutProbe(decls: Declarations, resolved: Resolved, target: Target, options: ProbeOptions): Probe {
  const probe: Probe = { statements: [], expected: new Map() };
  for (const record of resolved.records) {
    const name = record.typedefNames[0] ?? (record.tag !== undefined ? `${record.kind} ${record.tag}` : undefined);
    if (!record.complete || name === undefined || !options.isOwnFile(record.origin.file)) continue;
    add(probe, `size ${name}`, `${record.size} ${record.align}`, `printf("size ${name}\\t%zu %zu\\n", sizeof(${name}), _Alignof(${name}));`);
    probeMembers(probe, resolved, record, name, '', 0);
  }
  for (const typedef of decls.typedefs) {
    const typedefName = typedef.name;
    const type = resolved.typedefs.get(typedefName);
    if (!type || !hasSize(type) || !options.isOwnFile(typedef.origin.file)) continue;
    add(probe, `typedef ${typedefName}`, `${type.size} ${type.align}`, `printf("typedef ${typedefName}\\t%zu %zu\\n", sizeof(${typedefName}), _Alignof(${typedefName}));`);
  }
  const seenTags = new Set<string>();
  for (const constant of resolved.enumConstants) {
    if (!options.isOwnFile(constant.origin.file)) continue;
    add(probe, `enum ${constant.name}`, String(constant.value), `printf("enum ${constant.name}\\t%lld\\n", (long long)(${constant.name}));`);
  }
  for (const constant of resolved.enumConstants) {
    const tag = decls.enums[constant.enumId]?.tag;
    if (tag === undefined || seenTags.has(tag) || !options.isOwnFile(constant.origin.file)) continue;
    seenTags.add(tag);
    const info = typeInfoFromTokens(resolved, target, ['enum', tag]);
    if (!info) continue;
    add(probe, `enumtype ${tag}`, `${info.size} ${info.signed ? 1 : 0}`, `printf("enumtype ${tag}\\t%zu %d\\n", sizeof(enum ${tag}), (enum ${tag})-1 < 0);`);
  }
  return probe;
}

function probeMembers(probe: Probe, resolved: Resolved, record: RecordLayout, typeName: string, prefix: string, base: number): void {
  for (const field of record.fields) {
    const offset = base + field.offset;
    const nested = field.type.kind === 'record' ? resolved.records[field.type.id] : undefined;
    if (field.name === undefined) {
      if (nested && field.bitWidth === undefined) probeMembers(probe, resolved, nested, typeName, prefix, offset);
      continue;
    }
    const path = prefix + field.name;
    const key = `${typeName}.${path}`;
    if (field.bitWidth !== undefined) {
      if (!field.typeText.startsWith('const')) probeBitfield(probe, key, typeName, path, base * 8 + field.bitOffset!, field.bitWidth);
    } else if (field.type.kind === 'array' && field.type.length === 'flexible') {
      add(probe, `offset ${key}`, String(offset), `printf("offset ${key}\\t%zu\\n", __builtin_offsetof(${typeName}, ${path}));`);
    } else {
      add(
        probe,
        `offset ${key}`,
        `${offset} ${field.size}`,
        `printf("offset ${key}\\t%zu %zu\\n", __builtin_offsetof(${typeName}, ${path}), sizeof(((${typeName} *)0)->${path}));`,
      );
    }
    if (nested && nested.tag === undefined && nested.typedefNames.length === 0) probeMembers(probe, resolved, nested, typeName, `${path}.`, offset);
  }
}

/** Set the field to all ones in a zeroed object and find the ones. */
function probeBitfield(probe: Probe, key: string, typeName: string, path: string, bitOffset: number, bitWidth: number): void {
  add(
    probe,
    `bits ${key}`,
    `${bitOffset} ${bitWidth}`,
    `{ static ${typeName} v; memset(&v, 0, sizeof v); v.${path} = -1; report_bits("${key}", (const unsigned char *)&v, sizeof v); }`,
  );
}

function add(probe: Probe, key: string, value: string, statement: string): void {
  if (probe.expected.has(key)) return;
  probe.expected.set(key, value);
  probe.statements.push(statement);
}

function hasSize(type: CType): type is Exclude<CType, { kind: 'void' | 'function' | 'opaque' }> {
  if (type.kind === 'void' || type.kind === 'function' || type.kind === 'opaque') return false;
  if (type.kind === 'record' || type.kind === 'enum') return type.complete;
  if (type.kind === 'array') return type.length !== 'flexible' && hasSize(type.of);
  return true;
}

/** The C helper the bit-field probes share: prints the first set bit and the count of set bits. */
export const reportBitsC = `static void report_bits(const char *key, const unsigned char *bytes, size_t size) {
  long first = -1, count = 0;
  for (size_t bit = 0; bit < size * 8; bit++)
    if ((bytes[bit / 8] >> (bit % 8)) & 1) { if (first < 0) first = (long)bit; count++; }
  printf("bits %s\\t%ld %ld\\n", key, first, count);
}
`;

const prelude = `#include <stdio.h>
#include <string.h>
#include <stddef.h>
${reportBitsC}`;

/** Compile the probe against `headerText` with gcc and run it; returns key → value. */
export function runProbe(probe: Probe, headerText: string, includeDirs: string[] = []): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-inc-probe-'));
  try {
    const source = `${headerText}\n${prelude}int main(void) {\n${probe.statements.join('\n')}\nreturn 0;\n}\n`;
    writeFileSync(join(dir, 'probe.c'), source);
    const includes = includeDirs.map((d) => `-I${d}`);
    execFileSync('gcc', ['-std=gnu11', '-w', ...includes, '-o', join(dir, 'probe'), join(dir, 'probe.c')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = execFileSync(join(dir, 'probe'), { encoding: 'utf8', maxBuffer: 64 << 20 });
    const facts = new Map<string, string>();
    for (const line of output.split('\n')) {
      const match = /^([^\t]+)\t(.*)$/.exec(line);
      if (match) facts.set(match[1]!, match[2]!);
    }
    return facts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every key whose value differs, as 'key: resolve says X, gcc says Y'. */
export function differences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of expected) {
    const gcc = actual.get(key);
    if (gcc !== value) out.push(`${key}: resolve says ${value}, gcc says ${gcc ?? '(nothing)'}`);
  }
  return out;
}
