// struct, union and enum specifiers. Every specifier becomes a RecordDecl or EnumDecl; a tag names
// the same one wherever it is mentioned, and a body fills in its members.

import type { EnumConstantDecl, FieldDecl, Qualifiers, TypeRef } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { constExpr, layoutAttributes, readAttributeSpecifier, readAttributeText, type AttributeSet } from './attributes.js';
import { applyDeclarator } from './declarators.js';
import type { PieceReader } from './piece-reader.js';
import { readDeclarationParts } from './specifiers.js';
import { childByField, isMissing, type Syntax } from './syntax.js';

interface SpecifierParts {
  tag?: string;
  body?: Syntax;
  attributes: AttributeSet;
}

/** The tag, body and attributes of a struct, union or enum specifier. */
function readSpecifierParts(node: Syntax, ctx: PieceReader): SpecifierParts {
  const parts: SpecifierParts = { attributes: keywordAttributes(node, ctx) };
  for (const child of node.children) {
    if (child.field === 'name') parts.tag = ctx.textOf(child);
    else if (child.field === 'body') parts.body = child;
    else if (child.type === 'attribute_specifier') readAttributeSpecifier(child, ctx, parts.attributes);
    else if (child.field === 'underlying_type') {
      ctx.report(diagnostic('GI3003', [`enum with a fixed underlying type: ${ctx.textOf(node).slice(0, 80)}`], ctx.origin(node)));
    }
  }
  return parts;
}

export function readRecordSpecifier(node: Syntax, ctx: PieceReader): TypeRef {
  const kind = node.type === 'union_specifier' ? 'union' : 'struct';
  const { tag, body, attributes } = readSpecifierParts(node, ctx);
  const record = tag !== undefined ? ctx.taggedRecord(kind, tag, node) : ctx.newRecord(kind, node);
  if (body) ctx.defineRecord(record, ctx.origin(node), layoutAttributes(attributes), readFields(body, ctx));
  return tag !== undefined ? { kind: 'record', recordKind: kind, tag, id: record.id } : { kind: 'record', recordKind: kind, id: record.id };
}

function readFields(list: Syntax, ctx: PieceReader): FieldDecl[] {
  const fields: FieldDecl[] = [];
  for (const declaration of list.children) {
    if (declaration.type !== 'field_declaration') continue;
    const parts = readDeclarationParts(declaration, ctx);
    const origin = ctx.origin(declaration);
    // A member comes from a macro when its name does (PyObject_HEAD), not when only its type or an
    // attribute does (Py_DEPRECATED(3.3) wchar_t *wstr).
    const field = (name: string | undefined, nameStart: number, type: TypeRef, attributes: AttributeSet, bitfield?: Syntax): void => {
      const decl: FieldDecl = { ...(name !== undefined && { name }), type, qualifiers: topQualifiers(type), attributes: layoutAttributes(attributes), origin };
      const fromMacro = ctx.macroAt(nameStart);
      const width = bitfield?.children[0];
      if (width) decl.bitWidth = constExpr(width, ctx);
      if (fromMacro !== undefined) decl.fromMacro = fromMacro;
      fields.push(decl);
    };

    if (parts.declarators.length === 0) {
      // Only an untagged struct or union is a member without a name; `struct tag { … };` just declares the tag.
      if (parts.type.kind === 'record' && parts.type.tag === undefined) field(undefined, declaration.start, parts.type, parts.attributes);
      continue;
    }
    for (const declarator of parts.declarators) {
      const declared = applyDeclarator(declarator.node, parts.type, ctx, declarator.attributes);
      field(declared.name, declared.nameStart ?? declarator.node.start, declared.type, declarator.attributes, declarator.bitfield);
    }
  }
  return fields;
}

/** Attributes written right after `union` or `enum`, which prepare.ts moved out of tree-sitter's way. */
function keywordAttributes(node: Syntax, ctx: PieceReader): AttributeSet {
  const attributes: AttributeSet = {};
  const text = ctx.keywordAttributesAt(node.start);
  if (text !== undefined) readAttributeText(text, ctx.origin(node), attributes);
  return attributes;
}

/** The qualifiers of the member itself: of the pointer for a pointer, of the element for an array. */
function topQualifiers(type: TypeRef): Qualifiers {
  if (type.kind === 'array') return topQualifiers(type.of);
  if (type.kind === 'function') return {};
  return type.qualifiers ? { ...type.qualifiers } : {};
}

export function readEnumSpecifier(node: Syntax, ctx: PieceReader): TypeRef {
  const { tag, body, attributes } = readSpecifierParts(node, ctx);
  const enumDecl = ctx.taggedEnum(tag, node);
  if (body) ctx.defineEnum(enumDecl, ctx.origin(node), layoutAttributes(attributes), readEnumerators(body, ctx));
  return tag !== undefined ? { kind: 'enum', tag, id: enumDecl.id } : { kind: 'enum', id: enumDecl.id };
}

/** `enum tag` without a body. */
export function enumReference(tag: string, node: Syntax, ctx: PieceReader): TypeRef {
  return { kind: 'enum', tag, id: ctx.taggedEnum(tag, node).id };
}

function readEnumerators(list: Syntax, ctx: PieceReader): EnumConstantDecl[] {
  const constants: EnumConstantDecl[] = [];
  for (const enumerator of list.children) {
    if (enumerator.type !== 'enumerator') continue;
    const name = childByField(enumerator, 'name');
    const value = childByField(enumerator, 'value');
    if (!name || isMissing(name)) continue;
    const constant: EnumConstantDecl = { name: ctx.textOf(name), origin: ctx.origin(enumerator) };
    if (value) constant.value = constExpr(value, ctx);
    constants.push(constant);
  }
  return constants;
}
