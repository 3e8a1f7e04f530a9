; The declarations at file scope of a preprocessed translation unit. Run from the root with
; maxStartDepth 0, so only the root's children are matched and function bodies are never entered.
; Each capture name selects the reader in src/parse/index.ts.

(translation_unit (type_definition) @typedef)
(translation_unit (declaration) @declaration)
(translation_unit (function_definition) @function)

; `struct X { … };`, `struct X;`, `enum E { … };` with no declarator
(translation_unit [(struct_specifier) (union_specifier) (enum_specifier)] @tag)

; `_Static_assert(…);` reads as a statement; anything else that does is a mistake
(translation_unit (expression_statement) @statement)

; The preprocessor removes comments, but hand-written inputs may keep them.
(translation_unit (comment) @comment)

; ERROR nodes are not matched here: src/parse/syntax-errors.ts reports every one, at any depth.
