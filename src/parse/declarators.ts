// Declarators: `*p`, `a[N]`, `(*f)(int)` wrapped around a base type, inside out, as C reads them.

import type { TypeRef } from '../types.js';
import { diagnostic } from '../diagnostics.js';
import { constExpr, readAttributeSpecifier, type AttributeSet } from './attributes.js';
import type { PieceReader } from './piece-reader.js';
import { readParameterList, type ParameterList } from './parameters.js';
import { nodeQualifiers, withQualifiers } from './specifiers.js';
import { childByField, isMissing, type Syntax } from './syntax.js';

export interface Declared {
  /** undefined for an abstract declarator and for an unnamed bit-field */
  name?: string;
  /** where the name is in the text */
  nameStart?: number;
  type: TypeRef;
}

/**
 * Apply `node` to `base`, outermost declarator first: in `*a[3]` the pointer applies to the base
 * type and the array to the result. Attributes met inside (after a function's parameter list) go
 * to `attributes`; an initializer is skipped.
 */
export function applyDeclarator(node: Syntax | undefined, base: TypeRef, ctx: PieceReader, attributes: AttributeSet): Declared {
  let type = base;
  for (let current = node; current; current = innerDeclarator(current)) {
    switch (current.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
        return isMissing(current) ? { type } : { name: ctx.textOf(current), nameStart: current.start, type };
      case 'pointer_declarator':
      case 'abstract_pointer_declarator':
        type = withQualifiers({ kind: 'pointer', to: type }, nodeQualifiers(current, ctx));
        break;
      case 'array_declarator':
      case 'abstract_array_declarator': {
        const size = childByField(current, 'size');
        type = size ? { kind: 'array', of: type, length: constExpr(size, ctx) } : { kind: 'array', of: type };
        break;
      }
      case 'function_declarator':
      case 'abstract_function_declarator':
        type = functionType(current, type, ctx, attributes);
        break;
      case 'parenthesized_declarator':
      case 'abstract_parenthesized_declarator':
      case 'attributed_declarator':
      case 'init_declarator':
        break;
      default:
        ctx.report(diagnostic('GI3003', [`declarator ${ctx.textOf(current)}`], ctx.origin(current)));
        return { type };
    }
  }
  return { type };
}

const wrappers = new Set(['parenthesized_declarator', 'abstract_parenthesized_declarator', 'attributed_declarator']);
const decorations = new Set(['attribute_specifier', 'attribute_declaration', 'ms_call_modifier', 'type_qualifier']);

/** The declarator nested inside `node`: a field for most kinds, the only named child for parentheses. */
function innerDeclarator(node: Syntax): Syntax | undefined {
  if (wrappers.has(node.type)) return node.children.find((child) => !decorations.has(child.type));
  return childByField(node, 'declarator');
}

function functionType(node: Syntax, returns: TypeRef, ctx: PieceReader, attributes: AttributeSet): TypeRef {
  let list: ParameterList = { params: [], variadic: false };
  for (const child of node.children) {
    if (child.type === 'attribute_specifier') readAttributeSpecifier(child, ctx, attributes);
    else if (child.field === 'parameters') list = readParameterList(child, ctx);
  }
  return { kind: 'function', returns, params: list.params, variadic: list.variadic };
}
