// The tree-sitter-c parser and the queries in grammars/, loaded once per process.

import { readFileSync } from 'node:fs';
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';

export type SyntaxNode = Parser.SyntaxNode;
export type TreeCursor = Parser.TreeCursor;

let parser: Parser | undefined;
const queries = new Map<string, Parser.Query>();

function language(): Parser.Language {
  return C as unknown as Parser.Language;
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
    const source = readFileSync(new URL(`../../grammars/${name}.scm`, import.meta.url), 'utf8');
    query = new Parser.Query(language(), source);
    queries.set(name, query);
  }
  return query;
}
