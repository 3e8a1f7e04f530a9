// The shape of layout.json, documented for users in schema/layout.schema.json. The diff reads
// these objects back, so the two must change together.

export interface LayoutJson {
  generator: { name: string; version: string };
  python: {
    version: string;
    hexversion: number;
    include_dirs: string[];
    defines: LayoutDefine[];
    target: string;
  };
  structs: LayoutStruct[];
  constants: LayoutConstant[];
  functions: LayoutFunction[];
  data: LayoutData[];
}

export type LayoutDefine = { kind: 'define'; name: string; value: string } | { kind: 'undef'; name: string };

export interface LayoutStruct {
  name: string;
  kind: 'struct' | 'union';
  tag: string | null;
  aliases: string[];
  size: number;
  align: number;
  /** relative to the include directory that holds it */
  file: string;
  line: number;
  fields: LayoutField[];
  holes: LayoutGap[];
  tail_padding: number;
}

export interface LayoutField {
  /** 'ob_refcnt', or 'state.kind' inside a named member of anonymous type */
  name: string;
  offset: number;
  size: number;
  align: number;
  type: string;
  /** bit-fields: the first bit inside the `size`-byte unit at `offset` (bit 0 = least significant) */
  bit_offset?: number;
  bit_width?: number;
  /** the anonymous struct/union path that holds it, e.g. '(anonymous union)' */
  via?: string;
  /** the macro whose expansion declared it, e.g. 'PyObject_HEAD' */
  from_macro?: string;
}

export interface LayoutGap {
  offset: number;
  size: number;
}

export interface LayoutConstant {
  name: string;
  /** a string when the value is outside ±(2^53 - 1) */
  value: number | string;
  type: string;
  kind: 'macro' | 'enum';
  file: string | null;
  line: number | null;
  expansion: string;
}

export interface LayoutFunction {
  name: string;
  returns: string;
  params: { name: string | null; type: string }[];
  variadic: boolean;
  file: string;
  line: number;
}

export interface LayoutData {
  name: string;
  type: string;
  file: string;
  line: number;
}
