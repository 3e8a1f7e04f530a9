// Hide sets (Prosser's algorithm): the names of the macros whose expansion produced a token and
// that must therefore not expand it again. Sets are immutable and shared; adding a name to a set
// is cached on the set, so the copies of one macro body all point at the same object.

export class HideSet {
  static readonly empty = new HideSet(new Set(), []);

  /** the sets made by adding one name to this one */
  private extended: Map<string, HideSet> | undefined;

  private constructor(
    private readonly names: ReadonlySet<string>,
    /** the same names, for iterating without an iterator */
    private readonly list: readonly string[],
  ) {}

  has(name: string): boolean {
    return this.names.has(name);
  }

  with(name: string): HideSet {
    if (this.names.has(name)) return this;
    this.extended ??= new Map();
    let result = this.extended.get(name);
    if (result === undefined) {
      result = new HideSet(new Set(this.names).add(name), [...this.list, name]);
      this.extended.set(name, result);
    }
    return result;
  }

  union(other: HideSet): HideSet {
    if (other === this || other.list.length === 0) return this;
    if (this.list.length === 0) return other;
    let result: HideSet = this.list.length >= other.list.length ? this : other;
    const smaller = result === this ? other : this;
    for (let i = 0; i < smaller.list.length; i++) result = result.with(smaller.list[i]);
    return result;
  }

  intersection(other: HideSet): HideSet {
    if (other === this) return this;
    let result = HideSet.empty;
    for (let i = 0; i < this.list.length; i++) {
      const name = this.list[i];
      if (other.names.has(name)) result = result.with(name);
    }
    return result;
  }
}
