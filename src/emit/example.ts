// The example module's files — NAME.asm, Makefile, test_NAME.py and make-wheel.py — for the build
// the include was read for: NAME$(EXT_SUFFIX) for one interpreter, or NAME.abi3.so for the stable
// ABI of every Python from the Py_LIMITED_API version on. Every choice is made here; the
// templates only print it.

import type { GeneratedFile, PythonApiModel } from '../types.js';
import { fail } from '../diagnostics.js';
import { hex8 } from '../flavour.js';
import { render } from './templates.js';

export interface ExampleOptions {
  generator: string;
  module: string;
}

/** What the stable-ABI module uses beyond the default one's needs. */
const stableAbiNeeds = { constants: ['Py_mod_exec', 'Py_tp_new', 'Py_tp_dealloc', 'Py_tp_free'], externs: ['PyModuleDef_Init', 'PyType_FromSpec', 'PyType_GetSlot', 'PyModule_GetState'] };

export function exampleFiles(model: PythonApiModel, options: ExampleOptions): GeneratedFile[] {
  const { module } = options;
  const view = {
    generator: options.generator,
    module,
    version: model.python.version,
    python: model.python.interpreter ?? `python${model.python.shortVersion}`,
    ...buildView(model, module),
  };
  return [
    { path: `${module}.asm`, contents: render(view.abi3 ? 'module-abi3.asm' : 'module.asm', view), role: 'example' },
    { path: 'Makefile', contents: render('Makefile', view), role: 'example' },
    { path: `test_${module}.py`, contents: render('test_module.py', view), role: 'example' },
    { path: 'make-wheel.py', contents: render('make-wheel.py', view), role: 'example' },
  ];
}

function buildView(model: PythonApiModel, module: string) {
  const limited = model.flavour?.limitedApi;
  if (limited === undefined) {
    return {
      abi3: false,
      limitedApi: '',
      target: '$(MODULE)$(EXT_SUFFIX)',
      targetShown: `${module}$(EXT_SUFFIX)`,
      targetComment: '# The name this interpreter imports, e.g. NAME.cpython-312-x86_64-linux-gnu.so.',
      wheelTagShown: 'cp3X-cp3X-PLATFORM',
      wheelTagComment: "cp3X-<the interpreter's ABI, e.g. cp36m, cp313t>-<its platform>, asked from $(PYTHON) by make-wheel.py",
      fixedTags: 'None',
      requiresPython: '',
    };
  }
  const version = stableAbiVersion(model, limited);
  const tag = `cp${version.replace('.', '')}`;
  return {
    abi3: true,
    limitedApi: version,
    target: '$(MODULE).abi3.so',
    targetShown: `${module}.abi3.so`,
    targetComment: `# The stable ABI's name: every Python from ${version} on imports it.`,
    wheelTagShown: `${tag}-abi3-PLATFORM`,
    wheelTagComment: `${tag}-abi3-<platform>: every CPython from ${version} on installs it`,
    fixedTags: `("${tag}", "abi3")`,
    requiresPython: `>=${version}`,
  };
}

/** '3.6' from 0x03060000, once the headers have shown they offer what the module needs. */
function stableAbiVersion(model: PythonApiModel, limited: number): string {
  const constants = new Set(model.constants.map((c) => c.name));
  const externs = new Set(model.externs.map((e) => e.name));
  const missing = [...stableAbiNeeds.constants.filter((n) => !constants.has(n)), ...stableAbiNeeds.externs.filter((n) => !externs.has(n))];
  const major = Math.floor(limited / 0x1000000);
  const minor = Math.floor(limited / 0x10000) % 0x100;
  if (major !== 3 || missing.length > 0) fail('GI6003', [missing.join(', ') || 'a Py_LIMITED_API of the form 0x03XX0000', hex8(limited)]);
  return `${major}.${minor}`;
}
