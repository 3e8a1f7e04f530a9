// Where a header lies, said without the machine's include directories: what python.inc, the layout
// report and the model's idioms print beside what they took from a header. Also how a directory is
// written before a name inside it, for every path gen-inc joins or compares that way.

/** 'includes' → 'includes/'; a directory written with its slash keeps just that one. */
export function asDirectory(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}

/**
 * A header's path relative to the first include directory holding it; other paths as they are.
 * Each file is worked out once: thousands of declarations share a few hundred headers.
 */
export function relativeTo(includeDirs: readonly string[]): (file: string) => string {
  const prefixes = includeDirs.map(asDirectory);
  const known = new Map<string, string>();
  return (file) => {
    let relative = known.get(file);
    if (relative === undefined) {
      const prefix = prefixes.find((p) => file.startsWith(p));
      relative = prefix ? file.slice(prefix.length) : file;
      known.set(file, relative);
    }
    return relative;
  };
}
