// Every type that crosses a stage boundary lives here. The pipeline is
//   locate → preprocess → parse → resolve → model → emit
// and each stage is a pure function from the previous stage's data to its own.

// ───────────────────────────── positions and diagnostics ─────────────────────────────

/** A place in a source file. Lines and columns are 1-based. */
export interface Origin {
  file: string;
  line: number;
  column?: number;
}

export type Severity = 'error' | 'warning' | 'note';

/** Codes are stable; the message text for each lives in src/diagnostics.ts. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  origin?: Origin;
  /** e.g. "expanded from macro PyObject_HEAD at object.h:120" */
  notes?: { message: string; origin?: Origin }[];
}

// ───────────────────────────── target ─────────────────────────────

/** The C base types, spelled canonically. */
export type BuiltinTypeName =
  | 'void'
  | '_Bool'
  | 'char'
  | 'signed char'
  | 'unsigned char'
  | 'short'
  | 'unsigned short'
  | 'int'
  | 'unsigned int'
  | 'long'
  | 'unsigned long'
  | 'long long'
  | 'unsigned long long'
  | '__int128'
  | 'unsigned __int128'
  | 'float'
  | 'double'
  | 'long double'
  | 'float _Complex'
  | 'double _Complex'
  | 'long double _Complex';

export interface SizeAlign {
  size: number;
  align: number;
}

/** How the target spells a type that system headers would have declared. */
export type SystemType =
  /** the same as a builtin type, e.g. size_t = unsigned long */
  | { kind: 'alias'; of: BuiltinTypeName }
  /** only ever used through a pointer, e.g. FILE */
  | { kind: 'opaque' }
  /** a record or array whose inside Python's headers never touch, e.g. va_list, pthread_mutex_t */
  | { kind: 'blob'; size: number; align: number };

/** The ABI and system of one machine. Data, so that a second target adds no code. */
export interface Target {
  name: string; // 'x86_64-linux-gnu'
  charSigned: boolean;
  pointer: SizeAlign;
  builtins: Record<BuiltinTypeName, SizeAlign>;
  /** Types the system headers (<stdint.h>, <pthread.h>, …) declare and Python's headers use. */
  systemTypes: Record<string, SystemType>;
  /** What `gcc -dM -E` predefines, NAME → replacement text (function-like as 'NAME(a,b)'). */
  predefinedMacros: Record<string, string>;
  /** Macros the system headers would define and Python's headers consult (INT_MAX, _POSIX_THREADS, offsetof, …). */
  systemMacros: Record<string, string>;
  /** System headers that exist on this target: `#include` of one is skipped, `__has_include` of one is true. */
  systemHeaders: string[];
  /** Directories where a `<…>` include that is not in the Python include dirs is also looked up;
   * a file found there is read only when it lies inside a Python include dir (Debian's pyconfig.h). */
  systemIncludeDirs: string[];
  /** Attributes for which the compiler's `__has_attribute(x)` is 1 (also `__x__`, `gnu::x`). */
  hasAttribute: string[];
  /** Builtins for which the compiler's `__has_builtin(x)` is 1. */
  hasBuiltin: string[];
  /** Standard attributes and the value `__has_c_attribute(x)` (and `__has_attribute(x)`) gives, e.g. nodiscard → 202003. */
  standardAttributes?: Record<string, number>;
}

// ───────────────────────────── locate ─────────────────────────────

export interface LocateOptions {
  /** '3.6', '3.13' or a path to an interpreter */
  python: string;
  includeDirs?: string[];
  /** The environment to read PATH, PYENV_ROOT, HOME and PYENV_VERSION from. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface PythonInstall {
  /** '3.13.0', from patchlevel.h's PY_VERSION */
  version: string;
  /** '3.13' */
  shortVersion: string;
  /** PY_VERSION_HEX from patchlevel.h */
  hexversion: number;
  /** Directories searched for `#include`, in order (include, then platinclude when different). */
  includeDirs: string[];
  /** includeDirs as output prints them: as the user wrote them where they came from --include-dir,
   * else under `<prefix>`, so that output depends on the headers and not on where they are. */
  shownIncludeDirs?: string[];
  /** The interpreter, when one was found. */
  interpreter?: string;
  /** sysconfig's EXT_SUFFIX, e.g. '.cpython-313-x86_64-linux-gnu.so'; known only when the interpreter was run. */
  extSuffix?: string;
  /** How it was found, e.g. 'sysconfig of /usr/bin/python3.11', 'pyenv', '--include-dir'. */
  foundBy: string;
}

// ───────────────────────────── preprocess ─────────────────────────────

export interface PreprocessOptions {
  install: PythonInstall;
  target: Target;
  /** Headers to include, in order, by name as in `#include "Python.h"`. */
  entryHeaders: string[];
  /** -D NAME[=VALUE] (VALUE defaults to 1) and -U NAME, in command-line order. */
  defines: MacroOption[];
}

export type MacroOption = { kind: 'define'; name: string; value: string } | { kind: 'undef'; name: string };

export interface MacroDefinition {
  name: string;
  functionLike: boolean;
  params: string[];
  variadic: boolean;
  /** The replacement list as written, tokens joined by single spaces. */
  body: string;
  /** Where it was defined; undefined for predefined and command-line macros. */
  origin?: Origin;
  /** 'header' for a file, 'predefined' for the compiler's, 'system' for the target's, 'command-line'. */
  source: 'header' | 'predefined' | 'system' | 'command-line';
  /** Object-like only: the body fully macro-expanded against the final macro table, as token texts. */
  expansion?: string[];
}

/** One expansion of a macro invoked in the source text (outermost only), in output coordinates. */
export interface ExpansionSpan {
  /** 0-based output line and columns [start, end) of the expanded text */
  line: number;
  startColumn: number;
  endColumn: number;
  macro: string;
  /** where the macro was defined */
  definedAt?: Origin;
}

export interface Preprocessed {
  /** The translation unit after preprocessing; each output line holds the tokens of one logical source line. */
  text: string;
  /** lineOrigins[i] is the source of output line i (0-based). */
  lineOrigins: Origin[];
  expansions: ExpansionSpan[];
  /** The macro table at the end of the translation unit, in definition order. */
  macros: MacroDefinition[];
  /** Every file read, in first-read order. */
  files: string[];
  diagnostics: Diagnostic[];
}

// ───────────────────────────── parse ─────────────────────────────

/** A constant expression as expanded token texts, evaluated later (it may need sizeof). */
export interface ConstExpr {
  tokens: string[];
  origin: Origin;
}

/** A type as written, before sizes are known. */
export type TypeRef =
  | { kind: 'builtin'; name: BuiltinTypeName; qualifiers?: Qualifiers }
  | { kind: 'typedef'; name: string; qualifiers?: Qualifiers }
  | { kind: 'record'; recordKind: 'struct' | 'union'; tag?: string; id: number; qualifiers?: Qualifiers }
  | { kind: 'enum'; tag?: string; id: number; qualifiers?: Qualifiers }
  /** qualifiers of the pointer itself (`char *const p`); those of the pointee are on `to` */
  | { kind: 'pointer'; to: TypeRef; qualifiers?: Qualifiers }
  | { kind: 'array'; of: TypeRef; length?: ConstExpr }
  | { kind: 'function'; returns: TypeRef; params: ParamDecl[]; variadic: boolean };

export interface Qualifiers {
  const?: boolean;
  volatile?: boolean;
}

export interface ParamDecl {
  name?: string;
  type: TypeRef;
}

/** GNU attributes that change layout. */
export interface LayoutAttributes {
  packed?: boolean;
  /** the last aligned(N) or _Alignas: what a record or a typedef takes */
  aligned?: ConstExpr | 'max';
  /** the requests before it, in order: a member takes the largest of all of them */
  earlierAligned?: (ConstExpr | 'max')[];
}

export interface FieldDecl {
  /** undefined for an anonymous struct/union member or an unnamed bitfield */
  name?: string;
  type: TypeRef;
  qualifiers: Qualifiers;
  bitWidth?: ConstExpr;
  attributes: LayoutAttributes;
  origin: Origin;
  /** The outermost macro whose expansion produced this field, e.g. 'PyObject_HEAD'. */
  fromMacro?: string;
}

/** Every struct/union specifier gets one, including anonymous ones; `id` is its index in Declarations.records. */
export interface RecordDecl {
  id: number;
  kind: 'struct' | 'union';
  tag?: string;
  /** undefined while only declared (`struct _ts;`) */
  fields?: FieldDecl[];
  attributes: LayoutAttributes;
  origin: Origin;
}

export interface EnumConstantDecl {
  name: string;
  value?: ConstExpr;
  origin: Origin;
}

export interface EnumDecl {
  id: number;
  tag?: string;
  constants?: EnumConstantDecl[];
  attributes: LayoutAttributes;
  origin: Origin;
}

export interface TypedefDecl {
  name: string;
  type: TypeRef;
  origin: Origin;
  /** `typedef int T __attribute__((aligned(8)))`: aligned sets the typedef's alignment */
  attributes?: LayoutAttributes;
}

export type Storage = 'extern' | 'static' | 'none';

/** A function or object declared at file scope. */
export interface ObjectDecl {
  name: string;
  kind: 'function' | 'data';
  type: TypeRef;
  storage: Storage;
  inline: boolean;
  /** true when it has a body (an inline function in a header) */
  defined: boolean;
  /** visibility("default") was written (PyAPI_FUNC / PyAPI_DATA from 3.8 on) */
  exported: boolean;
  origin: Origin;
  fromMacro?: string;
}

export interface Declarations {
  records: RecordDecl[];
  enums: EnumDecl[];
  typedefs: TypedefDecl[];
  objects: ObjectDecl[];
  diagnostics: Diagnostic[];
}

// ───────────────────────────── resolve ─────────────────────────────

export type IntegerKind = Exclude<BuiltinTypeName, 'void' | 'float' | 'double' | 'long double' | `${string}_Complex`>;

/** A type with its size known. Records are shared by reference through `layouts`. */
export type CType =
  | { kind: 'void' }
  | { kind: 'integer'; name: IntegerKind; size: number; align: number; signed: boolean }
  | { kind: 'float'; name: BuiltinTypeName; size: number; align: number }
  | { kind: 'pointer'; to: CType; size: number; align: number }
  | { kind: 'array'; of: CType; length: number | 'flexible'; size: number; align: number }
  | { kind: 'record'; id: number; size: number; align: number; complete: boolean }
  /** incomplete (size 0) when the translation unit names the enum but never lists its constants */
  | { kind: 'enum'; id: number; size: number; align: number; signed: boolean; complete: boolean }
  | { kind: 'function'; returns: CType; params: CType[]; variadic: boolean; size: 1; align: 1 }
  | { kind: 'opaque'; name: string; size: 0; align: 1 }
  | { kind: 'blob'; name: string; size: number; align: number };

export interface FieldLayout {
  name?: string;
  type: CType;
  /** The type as C spells it, e.g. 'PyTypeObject *', 'unsigned int', 'char [1]' */
  typeText: string;
  /** Byte offset from the start of the record (for a bitfield: of the byte holding its first bit). */
  offset: number;
  size: number;
  align: number;
  /** Bitfields only: offset in bits from the start of the record, and width in bits. */
  bitOffset?: number;
  bitWidth?: number;
  origin: Origin;
  fromMacro?: string;
}

export interface RecordLayout {
  id: number;
  kind: 'struct' | 'union';
  tag?: string;
  /** typedef names that name this record directly (not through a pointer), in declaration order */
  typedefNames: string[];
  complete: boolean;
  size: number;
  align: number;
  fields: FieldLayout[];
  origin: Origin;
}

export interface EnumConstantValue {
  name: string;
  value: bigint;
  enumId: number;
  origin: Origin;
}

export interface Resolved {
  /** indexed by RecordDecl.id */
  records: RecordLayout[];
  enumConstants: EnumConstantValue[];
  /** typedef name → its resolved type */
  typedefs: Map<string, CType>;
  /** typeText: the type as C spells it, e.g. 'PyObject *(PyObject *, PyObject *)' */
  objects: { decl: ObjectDecl; type: CType; typeText: string }[];
  diagnostics: Diagnostic[];
}

// ───────────────────────────── model ─────────────────────────────

/** An integer value with its C type; used for constants. */
export interface IntegerValue {
  value: bigint;
  size: number;
  signed: boolean;
}

/** One labelled place in a flattened struct. */
export interface StructMember {
  /** 'ob_refcnt', or a dotted path 'state.kind' for members of a named member of anonymous type */
  name: string;
  offset: number;
  size: number;
  typeText: string;
  /** for a bitfield: bit position inside the storage unit that starts at `offset`, and the width */
  bit?: number;
  width?: number;
  /** anonymous member path, e.g. '(anonymous union)' */
  via?: string;
  fromMacro?: string;
  origin: Origin;
  /** the member's alignment in bytes (for a bit-field: that of its declared type) */
  align?: number;
}

/** One line of a NASM STRUC body; decided by the model, printed by the template. */
export type StrucLine =
  | { kind: 'label'; name: string; comment: string }
  | { kind: 'reserve'; directive: 'resb' | 'resw' | 'resd' | 'resq'; count: number; comment: string }
  | { kind: 'align'; align: number; comment: string };

export interface StructModel {
  /** NASM name: the typedef name, else the tag */
  name: string;
  /** how C names the type: the typedef name, else 'struct tag' / 'union tag' */
  cName: string;
  kind: 'struct' | 'union';
  tag?: string;
  aliases: string[];
  size: number;
  align: number;
  origin: Origin;
  members: StructMember[];
  strucLines: StrucLine[];
  /** equates emitted after the STRUC (bit positions and widths, members of nested anonymous types) */
  equates: { name: string; value: string; comment: string }[];
}

export interface ConstantModel {
  name: string;
  value: IntegerValue;
  /** the NASM literal, e.g. '0x00000200', '-1' */
  literal: string;
  kind: 'macro' | 'enum';
  /** the macro's expansion or the enum's name */
  expansion: string;
  origin?: Origin;
}

export interface ExternModel {
  name: string;
  kind: 'function' | 'data';
  /** the declared type as C spells it, e.g. 'PyObject *(PyObject *, Py_ssize_t)' or 'PyTypeObject' */
  typeText: string;
  origin: Origin;
  /** functions only: the return type, the parameters as declared, and whether it takes `...` */
  returns?: string;
  params?: ExternParam[];
  variadic?: boolean;
}

export interface ExternParam {
  name?: string;
  /** e.g. 'const char *' */
  type: string;
}

/** An object-like macro that renames a declared symbol: `%define name target`. */
export interface AliasModel {
  name: string;
  target: string;
  kind: 'function' | 'data';
  origin: Origin;
}

/** A NASM macro the include offers, rendered from text decided in the model. */
export interface IdiomModel {
  name: string;
  comment: string;
  /** complete NASM lines */
  lines: string[];
}

/** What the headers were read for, as their final macro table says. */
export interface AbiFlavour {
  /** Py_LIMITED_API's value (e.g. 0x03060000) when the include is for the stable ABI */
  limitedApi?: number;
  /** Py_DEBUG, Py_REF_DEBUG, Py_TRACE_REFS, Py_GIL_DISABLED: defined or not */
  debug: boolean;
  refDebug: boolean;
  traceRefs: boolean;
  freeThreaded: boolean;
}

export interface PythonApiModel {
  /** the default build when absent (a model built by hand) */
  flavour?: AbiFlavour;
  python: {
    version: string;
    shortVersion: string;
    hexversion: number;
    includeDirs: string[];
    /** includeDirs as they are printed: see PythonInstall.shownIncludeDirs */
    shownIncludeDirs: string[];
    interpreter?: string;
    defines: MacroOption[];
    target: string;
  };
  command: string;
  structs: StructModel[];
  constants: ConstantModel[];
  externs: ExternModel[];
  aliases: AliasModel[];
  idioms: IdiomModel[];
  diagnostics: Diagnostic[];
}

// ───────────────────────────── emit ─────────────────────────────

export interface GeneratedFile {
  /** relative to the output directory */
  path: string;
  contents: string;
  /** 'example' files (the module, its Makefile and tests) are a start that is the user's to edit:
   * --check compares only what follows from the headers, the include and the reports */
  role: 'include' | 'report' | 'example';
}
