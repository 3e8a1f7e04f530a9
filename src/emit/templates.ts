// The one place where templates and their helpers are registered.

import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';

const templatesDir = new URL('../../templates/', import.meta.url);
const partialsDir = new URL('partials/', templatesDir);

export type TemplateName = 'python.inc' | 'module.asm' | 'Makefile' | 'test_module.py' | 'layout.html' | 'layout.md';

/** Templates whose output is HTML: compiled with Handlebars' escaping on, in an environment of their own. */
const htmlTemplates = new Set<TemplateName>(['layout.html']);

const cache = new Map<TemplateName, Handlebars.TemplateDelegate>();
const environments = new Map<boolean, typeof Handlebars>();

export function render(name: TemplateName, view: object): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(new URL(`${name}.hbs`, templatesDir), 'utf8');
    const html = htmlTemplates.has(name);
    // Other output is assembly, Makefiles and Markdown, not HTML: nothing is escaped there.
    template = environment(html).compile(source, compileOptions(html));
    cache.set(name, template);
  }
  return template(view);
}

function compileOptions(html: boolean): CompileOptions {
  return { noEscape: !html, strict: true };
}

/** An environment with the report's partials (templates/partials/layout-*.hbs) compiled for it. */
function environment(html: boolean): typeof Handlebars {
  let env = environments.get(html);
  if (!env) {
    env = Handlebars.create();
    for (const file of readdirSync(partialsDir).sort()) {
      if (!file.startsWith('layout-') || !file.endsWith('.hbs')) continue;
      const source = readFileSync(new URL(file, partialsDir), 'utf8');
      env.registerPartial(file.slice(0, -'.hbs'.length), env.compile(source, compileOptions(html)));
    }
    environments.set(html, env);
  }
  return env;
}
