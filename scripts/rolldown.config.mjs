// `npm run build`, last step: dist/cli.js and dist/emit-worker.js (as tsc compiled them) each
// become one file with every module of gen-inc inside, written over themselves. Node then loads
// two files instead of a hundred modules: about 40 ms less start-up for every run. The packages
// stay outside (tree-sitter's native bindings among them), and the other compiled modules stay in
// dist/ for the library's users.
const external = [/^node:/, /^tree-sitter(-c)?$/, /^commander$/];

export default ['cli', 'emit-worker'].map((name) => ({
  input: `dist/${name}.js`,
  external,
  platform: 'node',
  output: { file: `dist/${name}.js`, format: 'esm' },
}));
