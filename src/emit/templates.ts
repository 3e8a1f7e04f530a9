// The one place where templates and their helpers are registered.

import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const templatesDir = new URL('../../templates/', import.meta.url);

export type TemplateName = 'python.inc' | 'module.asm' | 'Makefile' | 'test_module.py';

const cache = new Map<TemplateName, Handlebars.TemplateDelegate>();

export function render(name: TemplateName, view: object): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(new URL(`${name}.hbs`, templatesDir), 'utf8');
    // Output is assembly and Makefiles, not HTML: nothing is escaped.
    template = Handlebars.compile(source, { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
