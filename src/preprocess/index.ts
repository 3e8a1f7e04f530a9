// preprocess: header files → one expanded text with line origins + the final macro table.
// INTERFACE ONLY — to be implemented.
import type { PreprocessOptions, Preprocessed } from '../types.js';

export function preprocess(options: PreprocessOptions): Preprocessed {
  void options;
  return { text: '', lineOrigins: [], expansions: [], macros: [], files: [], diagnostics: [] };
}
