// Declaration specifiers: the storage class, qualifiers, attributes and base type that every
// declarator of one declaration shares, and the split of a declaration into those parts.

import type { Qualifiers, Storage, TypeRef } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { addAttributes, readAlignas, readAttributeSpecifier, readAttributeText, type AttributeSet } from './attributes.js';
import { builtinFromWords, builtinTypeWords } from './builtin-types.js';
import type { PieceReader } from './piece-reader.js';
import { enumReference, readEnumSpecifier, readRecordSpecifier } from './records.js';
import type { Syntax } from './syntax.js';

export interface DeclaratorPart {
  node: Syntax;
  bitfield?: Syntax;
  /** the declaration's attributes and those written after this declarator */
  attributes: AttributeSet;
}

/** One declaration (or field, parameter, typedef, function definition) taken apart. */
export interface DeclarationParts {
  type: TypeRef;
  qualifiers: Qualifiers;
  storage: Storage;
  inline: boolean;
  /** attributes among the specifiers: they apply to every declarator */
  attributes: AttributeSet;
  declarators: DeclaratorPart[];
  body?: Syntax;
}

/** Split a declaration-like node into specifiers and declarators; struct bodies are read on the way. */
export function readDeclarationParts(node: Syntax, ctx: PieceReader): DeclarationParts {
  const qualifiers: Qualifiers = {};
  const attributes: AttributeSet = {};
  const trailingAttributes: AttributeSet = {};
  const declarators: Omit<DeclaratorPart, 'attributes'>[] = [];
  let storage: Storage = 'none';
  let inline = false;
  let typeNode: Syntax | undefined;
  let body: Syntax | undefined;

  for (const child of node.children) {
    const field = child.field;
    if (field === 'type') typeNode = child;
    else if (field === 'declarator') declarators.push({ node: child });
    else if (field === 'body') body = child;
    else if (child.type === 'bitfield_clause') {
      const last = declarators[declarators.length - 1];
      if (last) last.bitfield = child;
      // `int : 3;` with no declarator at all cannot be produced by the grammar, which inserts a MISSING one
    } else if (child.type === 'attribute_specifier') {
      readAttributeSpecifier(child, ctx, declarators.length > 0 ? trailingAttributes : attributes);
    } else if (child.type === 'type_qualifier') {
      readQualifier(child, ctx, qualifiers, attributes);
    } else if (child.type === 'storage_class_specifier') {
      const word = ctx.textOf(child);
      if (word === 'extern' || word === 'static') storage = word;
      else if (word === 'inline' || word === '__inline' || word === '__inline__' || word === '__forceinline') inline = true;
    }
  }

  const type = typeNode ? baseType(typeNode, qualifiers, ctx) : unknownType(node, ctx);
  const parts: DeclarationParts = {
    type,
    qualifiers,
    storage,
    inline,
    attributes,
    declarators: declarators.map((part, index) => {
      const own = { ...attributes };
      // written before a further declarator, where prepare.ts blanked them
      const blanked = ctx.declaratorAttributesAt((part.bitfield ?? part.node).end);
      if (blanked !== undefined) readAttributeText(blanked, ctx.origin(part.node), own);
      if (index === declarators.length - 1) addAttributes(own, trailingAttributes);
      return { ...part, attributes: own };
    }),
  };
  if (body) parts.body = body;
  return parts;
}

export function readQualifier(node: Syntax, ctx: PieceReader, qualifiers: Qualifiers, attributes: AttributeSet): void {
  const alignas = node.children[0];
  if (alignas?.type === 'alignas_qualifier') return readAlignas(alignas, ctx, attributes);
  const word = ctx.textOf(node);
  if (word === 'const') qualifiers.const = true;
  else if (word === 'volatile') qualifiers.volatile = true;
}

/** Qualifiers are attached to a TypeRef only when some are present, to keep the tree small. */
export function withQualifiers<T extends TypeRef>(type: T, qualifiers: Qualifiers): T {
  return qualifiers.const || qualifiers.volatile ? { ...type, qualifiers: { ...qualifiers } } : type;
}

function baseType(node: Syntax, qualifiers: Qualifiers, ctx: PieceReader): TypeRef {
  switch (node.type) {
    case 'struct_specifier':
    case 'union_specifier':
      return withQualifiers(readRecordSpecifier(node, ctx), qualifiers);
    case 'enum_specifier':
      return withQualifiers(readEnumSpecifier(node, ctx), qualifiers);
    case 'primitive_type':
    case 'sized_type_specifier':
    case 'type_identifier': {
      const words = ctx.textOf(node).split(/\s+/);
      // `enum E : 1;`, which prepare.ts joined into one word for the grammar
      if (words[0] === 'enum' && words.length === 2) return withQualifiers(enumReference(words[1]!, node, ctx), qualifiers);
      return withQualifiers(typeFromWords(words, node, ctx), qualifiers);
    }
    default:
      ctx.report(diagnostic('GI3003', [`type specifier ${ctx.textOf(node)}`], ctx.origin(node)));
      return { kind: 'builtin', name: 'int' };
  }
}

function unknownType(node: Syntax, ctx: PieceReader): TypeRef {
  ctx.report(diagnostic('GI3003', [`declaration without a type: ${ctx.textOf(node).slice(0, 80)}`], ctx.origin(node)));
  return { kind: 'builtin', name: 'int' };
}

const qualifierWords = new Set(['const', 'volatile', '__extension__', 'restrict', '__restrict', '__restrict__']);

/** A base type spelled by words: 'unsigned long int', 'char', '_Bool', 'Py_ssize_t', 'size_t'. */
export function typeFromWords(words: string[], node: Syntax, ctx: PieceReader): TypeRef {
  const typeWords = words.filter((word) => word !== '' && !qualifierWords.has(word));
  const other = typeWords.find((word) => !builtinTypeWords.has(word));
  if (other !== undefined && typeWords.length === 1) return { kind: 'typedef', name: other };
  const name = other === undefined ? builtinFromWords(typeWords) : undefined;
  if (name) return { kind: 'builtin', name };
  ctx.report(diagnostic('GI3003', [`type ${typeWords.join(' ')}`], ctx.origin(node)));
  return { kind: 'builtin', name: 'int' };
}

/** The qualifiers written directly on a node (a pointer declarator's `* const`). */
export function nodeQualifiers(node: Syntax, ctx: PieceReader): Qualifiers {
  const qualifiers: Qualifiers = {};
  const ignored: AttributeSet = {};
  for (const child of node.children) {
    if (child.type === 'type_qualifier') readQualifier(child, ctx, qualifiers, ignored);
  }
  return qualifiers;
}
