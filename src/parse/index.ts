// parse: expanded text → declarations, with tree-sitter-c and the queries in grammars/.
// INTERFACE ONLY — to be implemented.
import type { Declarations, Preprocessed } from '../types.js';

export function parse(pp: Preprocessed): Declarations {
  void pp;
  return { records: [], enums: [], typedefs: [], objects: [], diagnostics: [] };
}
