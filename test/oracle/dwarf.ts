// Reading `readelf --debug-dump=info` and `--debug-dump=line` text: debugging entries (DIEs) with
// their attributes, and the DWARF 5 file table that DW_AT_decl_file indexes.
import { isAbsolute, join } from 'node:path';

export interface Die {
  /** section offset, as written in `<0x…>` references */
  offset: number;
  depth: number;
  /** 'structure_type' for DW_TAG_structure_type */
  tag: string;
  /** attribute name without DW_AT_ → value text with readelf's "(indirect string …): " prefix removed */
  attributes: Map<string, string>;
  parent?: Die;
}

const dieHeader = /^\s*<(\d+)><([0-9a-f]+)>: Abbrev Number: \d+ \(DW_TAG_(\w+)\)/;
const attributeLine = /^\s*<[0-9a-f]+>\s+DW_AT_(\w+)\s*: (.*)$/;
const indirectPrefix = /^\(indirect (?:line )?string, offset: 0x[0-9a-f]+\): /;

export function parseDies(info: string): Die[] {
  const dies: Die[] = [];
  const open: Die[] = [];
  let current: Die | undefined;
  for (const line of info.split('\n')) {
    const header = dieHeader.exec(line);
    if (header) {
      const depth = Number(header[1]);
      open.length = depth;
      current = { offset: parseInt(header[2]!, 16), depth, tag: header[3]!, attributes: new Map(), parent: open[depth - 1] };
      open[depth] = current;
      dies.push(current);
      continue;
    }
    if (/Abbrev Number: 0$/.test(line)) {
      current = undefined;
      continue;
    }
    const attribute = current && attributeLine.exec(line);
    if (attribute) current!.attributes.set(attribute[1]!, attribute[2]!.replace(indirectPrefix, '').trimEnd());
  }
  return dies;
}

/** The file names DW_AT_decl_file indexes (DWARF 5: entry 0 is the primary source file). */
export function parseFileTable(lineDump: string): string[] {
  const directories: string[] = [];
  const files: string[] = [];
  let table: 'directories' | 'files' | undefined;
  let entriesRead = 0;
  for (const line of lineDump.split('\n')) {
    if (line.includes('The Directory Table') || line.includes('The File Name Table')) {
      table = line.includes('Directory') ? 'directories' : 'files';
      entriesRead = 0;
      continue;
    }
    if (!table || /^\s*Entry\s/.test(line)) continue;
    if (line.trim() === '') {
      if (entriesRead > 0) table = undefined;
      continue;
    }
    entriesRead++;
    if (table === 'directories') {
      const entry = /^\s*(\d+)\s+(.*)$/.exec(line);
      if (entry) directories[Number(entry[1])] = entry[2]!.replace(indirectPrefix, '');
    } else {
      const entry = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (!entry) continue;
      const name = entry[3]!.replace(indirectPrefix, '');
      files[Number(entry[1])] = isAbsolute(name) ? name : join(directories[Number(entry[2])] ?? '', name);
    }
  }
  return files;
}

/** DW_AT_type's `<0x2a>` as a number. */
export function typeReference(die: Die): number | undefined {
  const value = die.attributes.get('type');
  const match = value && /^<0x([0-9a-f]+)>$/.exec(value);
  return match ? parseInt(match[1]!, 16) : undefined;
}
