// The one place where templates are looked up. `npm run build` compiles templates/*.hbs and their
// partials into functions (scripts/precompile-templates.mjs), so a run loads no template engine.

import { templates } from './templates.generated.js';

export type TemplateName = 'python.inc' | 'module.asm' | 'module-abi3.asm' | 'Makefile' | 'test_module.py' | 'make-wheel.py' | 'layout.html' | 'layout.md';

export function render(name: TemplateName, view: object): string {
  return templates[name](view);
}
