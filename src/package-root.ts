// Where gen-inc's own files are (package.json, grammars/): the folder above this module's. That is
// the repository when the sources run, and also when dist/ holds the compiled modules or the
// bundles built from them (dist/cli.js, dist/emit-worker.js), all one level down.

export const packageRoot = new URL('../', import.meta.url);
