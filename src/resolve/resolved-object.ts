// A file-scope object with its resolved type. Its type text is spelled when first asked for: the
// model spells the functions it exports together with their parts, and never asks for the rest.

import type { CType, ObjectDecl } from '../types.js';
import { typeText } from './type-text.js';

export class ResolvedObject {
  #typeText: string | undefined;

  constructor(
    readonly decl: ObjectDecl,
    readonly type: CType,
  ) {}

  get typeText(): string {
    return (this.#typeText ??= typeText(this.decl.type, this.type));
  }
}
