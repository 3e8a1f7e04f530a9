// The tree-sitter-c parser and the queries in grammars/, loaded once per process.

import { readFileSync } from 'node:fs';
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import { packageRoot } from '../package-root.js';

export type SyntaxNode = Parser.SyntaxNode;
export type TreeCursor = Parser.TreeCursor;

let parser: Parser | undefined;
const queries = new Map<string, Parser.Query>();

/**
 * tree-sitter-c with its node-types.json left out: given it, setLanguage compiles a subclass with
 * field getters for every named node type (some 20 ms at start-up), and nothing here uses them.
 */
const cLanguage = { ...(C as object), nodeTypeInfo: [] } as unknown as Parser.Language;

function language(): Parser.Language {
  return cLanguage;
}

export function cParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language());
  }
  return parser;
}

/** The query in grammars/<name>.scm. */
export function grammarQuery(name: string): Parser.Query {
  let query = queries.get(name);
  if (!query) {
    const source = readFileSync(new URL(`grammars/${name}.scm`, packageRoot), 'utf8');
    query = new Parser.Query(language(), source);
    queries.set(name, query);
  }
  return query;
}
