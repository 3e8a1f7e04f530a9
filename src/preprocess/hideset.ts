// Hide sets (Prosser's algorithm): the names of the macros whose expansion produced a token and
// that must therefore not expand it again. Sets are immutable and shared; adding a name to a set
// is cached on the set, so the copies of one macro body all point at the same object.

export class HideSet {
  static readonly empty = new HideSet(new Set());

  private readonly extended = new Map<string, HideSet>();

  private constructor(private readonly names: ReadonlySet<string>) {}

  has(name: string): boolean {
    return this.names.has(name);
  }

  get size(): number {
    return this.names.size;
  }

  with(name: string): HideSet {
    if (this.names.has(name)) return this;
    let result = this.extended.get(name);
    if (result === undefined) {
      result = new HideSet(new Set(this.names).add(name));
      this.extended.set(name, result);
    }
    return result;
  }

  union(other: HideSet): HideSet {
    if (other === this || other.names.size === 0) return this;
    if (this.names.size === 0) return other;
    let result: HideSet = this.names.size >= other.names.size ? this : other;
    const smaller = result === this ? other : this;
    for (const name of smaller.names) result = result.with(name);
    return result;
  }

  intersection(other: HideSet): HideSet {
    if (other === this) return this;
    let result = HideSet.empty;
    for (const name of this.names) if (other.names.has(name)) result = result.with(name);
    return result;
  }
}
