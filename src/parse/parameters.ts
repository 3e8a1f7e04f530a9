// Parameter lists. Most parameters are words and stars ('const char *name', 'struct _ts *',
// 'Py_ssize_t'); those are read from their text, which spares the binding calls a tree walk costs
// on the two thousand prototypes of Python.h. The others go through the declarator reader.

import type { ParamDecl, Qualifiers, TypeRef } from '../types.js';
import { builtinTypeWords } from './builtin-types.js';
import { applyDeclarator } from './declarators.js';
import type { PieceReader } from './piece-reader.js';
import { enumReference } from './records.js';
import { readDeclarationParts, typeFromWords, withQualifiers } from './specifiers.js';
import { simpleParameter, simpleParameterList, type Syntax } from './syntax.js';

export interface ParameterList {
  params: ParamDecl[];
  variadic: boolean;
}

export function readParameterList(list: Syntax, ctx: PieceReader): ParameterList {
  const params: ParamDecl[] = [];
  let variadic = false;
  if (list.type === simpleParameterList) {
    for (const text of ctx.textOf(list).slice(1, -1).split(',')) {
      const words = text.trim();
      if (words === '...') variadic = true;
      else if (words !== '') params.push(readSimpleParameter(words, list, ctx));
    }
  } else {
    for (const param of list.children) {
      if (param.type === 'variadic_parameter') variadic = true;
      else if (param.type === simpleParameter) params.push(readSimpleParameter(ctx.textOf(param), param, ctx));
      else if (param.type === 'parameter_declaration') params.push(readParameter(param, ctx));
    }
  }
  // `(void)` declares no parameters
  const only = params[0];
  if (params.length === 1 && only?.name === undefined && only?.type.kind === 'builtin' && only.type.name === 'void') params.length = 0;
  return { params, variadic };
}

function readParameter(node: Syntax, ctx: PieceReader): ParamDecl {
  const parts = readDeclarationParts(node, ctx);
  const declared = applyDeclarator(parts.declarators[0]?.node, parts.type, ctx, {});
  return declared.name !== undefined ? { name: declared.name, type: declared.type } : { type: declared.type };
}

const ignoredWords = new Set(['restrict', '__restrict', '__restrict__', '__extension__', 'register']);

/** specifiers, then stars each with its qualifiers, then perhaps a name; `node` holds the text */
function readSimpleParameter(text: string, node: Syntax, ctx: PieceReader): ParamDecl {
  const tokens = text.match(/\w+|\*/g) ?? [];
  const qualifiers: Qualifiers = {};
  const words: string[] = [];
  let base: TypeRef | undefined;
  let index = 0;
  for (; index < tokens.length && tokens[index] !== '*'; index++) {
    const token = tokens[index]!;
    if (token === 'const' || token === 'volatile') qualifiers[token] = true;
    else if (ignoredWords.has(token)) continue;
    else if (token === 'struct' || token === 'union') base = recordRef(token, tokens[++index] ?? '', node, ctx);
    else if (token === 'enum') base = enumReference(tokens[++index] ?? '', node, ctx);
    else if (builtinTypeWords.has(token)) words.push(token);
    else if (base === undefined && words.length === 0) base = { kind: 'typedef', name: token };
    else break;
  }
  let type = withQualifiers(base ?? typeFromWords(words, node, ctx), qualifiers);
  let name: string | undefined;
  for (; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token === '*') type = { kind: 'pointer', to: type };
    else if ((token === 'const' || token === 'volatile') && type.kind === 'pointer') type = { ...type, qualifiers: { ...type.qualifiers, [token]: true } };
    else if (!ignoredWords.has(token)) name = token;
  }
  return name !== undefined ? { name, type } : { type };
}

function recordRef(kind: 'struct' | 'union', tag: string, node: Syntax, ctx: PieceReader): TypeRef {
  return { kind: 'record', recordKind: kind, tag, id: ctx.taggedRecord(kind, tag, node).id };
}
