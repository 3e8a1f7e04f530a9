// What `gen-inc diff` finds between two layout.json files.

/** A field where it sits: its path from the struct ('ob_base.ob_size') and its place and type. */
export interface FieldPlace {
  name: string;
  offset: number;
  size: number;
  type: string;
  bit_offset?: number;
  bit_width?: number;
}

export interface Position {
  offset: number;
  bit_offset?: number;
}

export type LayoutChange =
  | { kind: 'struct-added' | 'struct-removed'; struct: string; size: number }
  | { kind: 'struct-resized' | 'struct-realigned'; struct: string; old: number; new: number }
  | { kind: 'field-added' | 'field-removed'; struct: string; field: FieldPlace }
  | { kind: 'field-moved'; struct: string; field: string; old: Position; new: Position }
  | { kind: 'field-resized'; struct: string; field: string; old: number; new: number }
  | { kind: 'field-retyped'; struct: string; field: string; old: string; new: string }
  /** the same bytes and type under another path, e.g. ob_base.ob_base.ob_refcnt → ob_base.ob_refcnt */
  | { kind: 'field-renamed'; struct: string; old: FieldPlace; new: FieldPlace }
  /** fields gone whose bytes fields that are new now hold */
  | { kind: 'field-replaced'; struct: string; old: FieldPlace[]; new: FieldPlace[] }
  | { kind: 'constant-added' | 'constant-removed'; name: string; value: number | string; type: string }
  | { kind: 'constant-changed'; name: string; old: { value: number | string; type: string }; new: { value: number | string; type: string } }
  | { kind: 'function-added' | 'function-removed'; name: string; declaration: string }
  | { kind: 'function-changed'; name: string; old: string; new: string }
  | { kind: 'data-added' | 'data-removed'; name: string; type: string }
  | { kind: 'data-retyped'; name: string; old: string; new: string };

export type ChangeKind = LayoutChange['kind'];

export interface LayoutSide {
  /** the file or version it was read from */
  source: string;
  python: string;
  defines: string;
  target: string;
}

export interface LayoutDiff {
  from: LayoutSide;
  to: LayoutSide;
  identical: boolean;
  /** how many changes of each kind, every kind listed */
  summary: Record<ChangeKind, number>;
  changes: LayoutChange[];
}
