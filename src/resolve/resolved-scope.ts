// Type names over a finished Resolved that this process did not build (one read back or made by a
// test): typedefs, tags and records come from its tables; enum types are not kept in a Resolved.

import type { BuiltinTypeName, CType, IntegerValue, RecordLayout, Resolved, Target } from '../types.js';
import { evaluate, type EvalEnv } from '../cexpr/index.js';
import { arrayType, builtinType, pointerType, systemType } from './ctypes.js';
import { typedEnv, type TypeScope } from './type-names.js';

export class ResolvedScope implements TypeScope {
  private readonly tags = new Map<string, RecordLayout>();
  private readonly env: EvalEnv;

  constructor(
    private readonly resolved: Resolved,
    private readonly target: Target,
  ) {
    for (const record of resolved.records) {
      const key = `${record.kind} ${record.tag}`;
      if (record.tag !== undefined && (!this.tags.has(key) || record.complete)) this.tags.set(key, record);
    }
    const constants = new Map<string, IntegerValue>();
    for (const constant of resolved.enumConstants) {
      if (!constants.has(constant.name)) constants.set(constant.name, { value: constant.value, size: target.builtins.int.size, signed: true });
    }
    this.env = typedEnv(this, target, (name) => constants.get(name));
  }

  builtin(name: BuiltinTypeName): CType {
    return builtinType(name, this.target);
  }

  pointerTo(type: CType): CType {
    return pointerType(type, this.target);
  }

  arrayOf(type: CType, length: number): CType {
    return arrayType(type, length);
  }

  typedef(name: string): CType | undefined {
    const type = this.resolved.typedefs.get(name);
    if (type) return type;
    const system = this.target.systemTypes[name];
    return system ? systemType(name, system, this.target) : undefined;
  }

  tagged(kind: 'struct' | 'union' | 'enum', tag: string): CType | undefined {
    const record = kind === 'enum' ? undefined : this.tags.get(`${kind} ${tag}`);
    return record ? { kind: 'record', id: record.id, size: record.size, align: record.align, complete: record.complete } : undefined;
  }

  record(id: number): RecordLayout | undefined {
    return this.resolved.records[id];
  }

  evaluateIndex(tokens: string[]): number | undefined {
    const result = evaluate(tokens, this.env);
    return result.ok ? Number(result.value.value) : undefined;
  }
}
