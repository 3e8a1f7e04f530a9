// A light copy of the parts of a tree-sitter tree that declarations need. Every property read on
// a native node costs a call into the binding, so each top-level declaration is copied once, with
// one cursor, into plain objects: punctuation and keywords are left out, and the nodes the readers
// only take the text of (names, base types, attributes, expressions, function bodies) are copied
// without their insides.

import type Parser from 'tree-sitter';
import C from 'tree-sitter-c';

export interface Syntax {
  type: string;
  /** the field name in the parent ('declarator', 'type', 'body', …) */
  field: string | null;
  /** offsets from the start of the node's piece (pieces.ts), in UTF-16 code units like JavaScript strings */
  start: number;
  end: number;
  children: Syntax[];
}

/** Nodes whose children the readers look at. */
const structural = new Set([
  'translation_unit',
  'declaration',
  'type_definition',
  'function_definition',
  'struct_specifier',
  'union_specifier',
  'enum_specifier',
  'field_declaration_list',
  'field_declaration',
  'enumerator_list',
  'enumerator',
  'bitfield_clause',
  'init_declarator',
  'pointer_declarator',
  'array_declarator',
  'function_declarator',
  'parenthesized_declarator',
  'attributed_declarator',
  'abstract_pointer_declarator',
  'abstract_array_declarator',
  'abstract_function_declarator',
  'abstract_parenthesized_declarator',
  'parameter_list',
  'parameter_declaration',
  'type_qualifier',
  'alignas_qualifier',
  'expression_statement',
  'call_expression',
]);

const namedTypes = new Set(
  (C as unknown as { nodeTypeInfo: { type: string; named: boolean }[] }).nodeTypeInfo.filter((info) => info.named).map((info) => info.type),
);

/**
 * Leaves whose text is one word: their end is found in the text rather than asked of the binding.
 * Declared names are not among them, since a MISSING name (an unnamed bit-field) must stay empty.
 */
const wordLeaves = new Set(['type_identifier', 'primitive_type', 'storage_class_specifier']);

/**
 * Parameters spelled with words and stars only, and lists of them, are copied without their
 * insides and read from their text (parameters.ts): they are most of a prototype's nodes.
 */
export const simpleParameter = 'simple_parameter';
export const simpleParameterList = 'simple_parameter_list';
const simpleParameterText = /^[\w\s*]*$/;
const simpleParameterListText = /^\([\w\s*,]*(?:\.\.\.\s*)?\)$/;

/** Shared by every leaf; never added to. */
const noChildren: Syntax[] = Object.freeze([]) as unknown as Syntax[];

/** Copies nodes out of one tree; type and field names are cached by their numeric ids. */
export class SyntaxCopier {
  private readonly typeNames: string[] = [];
  private readonly fieldNames: (string | null)[] = [];

  /**
   * `text` is what tree-sitter parsed, `source` what the readers read (see prepare.ts): a
   * parameter is simple by the text its reader takes apart.
   */
  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  /**
   * Copy the node under `cursor` (and what matters below it), with offsets counted from `base`;
   * the cursor ends where it started.
   */
  copy(cursor: Parser.TreeCursor, base: number): Syntax {
    const type = this.typeOf(cursor);
    const node: Syntax = { type, field: null, start: cursor.startIndex - base, end: cursor.endIndex - base, children: noChildren };
    if (structural.has(type)) node.children = this.copyChildren(cursor, base);
    return node;
  }

  private copyChildren(cursor: Parser.TreeCursor, base: number): Syntax[] {
    const children: Syntax[] = [];
    if (!cursor.gotoFirstChild()) return children;
    do {
      let type = this.typeOf(cursor);
      if (!namedTypes.has(type)) continue;
      const field = this.fieldOf(cursor);
      const start = cursor.startIndex;
      if (wordLeaves.has(type)) {
        children.push({ type, field, start: start - base, end: this.wordEnd(start) - base, children: noChildren });
        continue;
      }
      const end = cursor.endIndex;
      let grandchildren = noChildren;
      if (type === 'parameter_declaration' && simpleParameterText.test(this.source.slice(start, end))) type = simpleParameter;
      else if (type === 'parameter_list' && simpleParameterListText.test(this.source.slice(start, end))) type = simpleParameterList;
      else if (structural.has(type)) grandchildren = this.copyChildren(cursor, base);
      children.push({ type, field, start: start - base, end: end - base, children: grandchildren });
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    return children;
  }

  private typeOf(cursor: Parser.TreeCursor): string {
    const id = cursor.nodeTypeId;
    return (this.typeNames[id] ??= cursor.nodeType);
  }

  private fieldOf(cursor: Parser.TreeCursor): string | null {
    const id = cursor.currentFieldId;
    if (!id) return null;
    return (this.fieldNames[id] ??= cursor.currentFieldName ?? null);
  }

  private wordEnd(start: number): number {
    const text = this.text;
    let end = start;
    for (let code = text.charCodeAt(end); isWordCode(code); code = text.charCodeAt(++end));
    return end;
  }
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

export function childByField(node: Syntax, field: string): Syntax | undefined {
  return node.children.find((child) => child.field === field);
}

/** A MISSING node that tree-sitter inserted to recover is empty. */
export function isMissing(node: Syntax): boolean {
  return node.start === node.end;
}
