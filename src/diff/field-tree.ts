// A struct's fields as a tree of paths, the way a debugger walks it: a field whose type is another
// struct of the same layout.json is opened up ('ob_base.ob_size'), so that a field moving between
// embedded structs shows up as what it is.

import type { LayoutJson, LayoutStruct } from '../report/layout-types.js';
import type { FieldPlace } from './types.js';

export interface FieldNode extends FieldPlace {
  /** the last path component */
  leafName: string;
  /** the parent's path, '' at the top */
  parent: string;
  depth: number;
  leaf: boolean;
  /** set when the node was opened up because its type is the struct of that name */
  embeds?: string;
}

/** Struct of a layout by every name C knows it by: 'PyObject', 'struct _object'. */
export function structsByTypeName(layout: LayoutJson): Map<string, LayoutStruct> {
  const byName = new Map<string, LayoutStruct>();
  for (const s of layout.structs) {
    for (const name of [s.name, ...s.aliases]) if (!byName.has(name)) byName.set(name, s);
    if (s.tag !== null && !byName.has(`${s.kind} ${s.tag}`)) byName.set(`${s.kind} ${s.tag}`, s);
  }
  return byName;
}

/** Nested embedding deeper than this is a cycle in a malformed file. */
const maxDepth = 32;

export function fieldTree(struct: LayoutStruct, byTypeName: Map<string, LayoutStruct>): Map<string, FieldNode> {
  const nodes = new Map<string, FieldNode>();
  const add = (s: LayoutStruct, prefix: string, base: number, depth: number) => {
    for (const field of s.fields) {
      const path = prefix + field.name;
      const cut = path.lastIndexOf('.');
      const node: FieldNode = {
        name: path,
        offset: base + field.offset,
        size: field.size,
        type: field.type,
        ...(field.bit_width !== undefined ? { bit_offset: field.bit_offset ?? 0, bit_width: field.bit_width } : {}),
        leafName: path.slice(cut + 1),
        parent: cut < 0 ? '' : path.slice(0, cut),
        depth: depth + field.name.split('.').length - 1,
        leaf: true,
      };
      if (nodes.has(path)) continue;
      nodes.set(path, node);
      const parent = nodes.get(node.parent);
      if (parent) parent.leaf = false;
      const embedded = byTypeName.get(field.type);
      if (embedded && embedded !== s && embedded.fields.length > 0 && depth < maxDepth) {
        node.embeds = embedded.name;
        add(embedded, `${path}.`, node.offset, node.depth + 1);
      }
    }
  };
  add(struct, '', 0, 0);
  return nodes;
}

/** Bit position from the start of the struct, for comparing bit-fields and plain fields alike. */
export function bitPosition(node: FieldPlace): number {
  return node.offset * 8 + (node.bit_offset ?? 0);
}

export function place(node: FieldNode): FieldPlace {
  const { name, offset, size, type } = node;
  return { name, offset, size, type, ...(node.bit_width !== undefined ? { bit_offset: node.bit_offset ?? 0, bit_width: node.bit_width } : {}) };
}
