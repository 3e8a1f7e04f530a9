// The one place where templates and their partials are registered. They are precompiled by
// `npm run build` (scripts/precompile-templates.mjs), so a run loads only Handlebars' runtime.

import type HandlebarsTypes from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { partialSpecs, templateSpecs } from './templates.generated.js';

/** The runtime is the full library less the compiler; its own typings leave out `template`. */
const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsTypes;

export type TemplateName = 'python.inc' | 'module.asm' | 'module-abi3.asm' | 'Makefile' | 'test_module.py' | 'make-wheel.py' | 'layout.html' | 'layout.md';

/** Templates whose output is HTML: escaped, in an environment of their own. */
const htmlTemplates = new Set<TemplateName>(['layout.html']);

type Environment = typeof Handlebars;
const environments = new Map<boolean, Environment>();
const cache = new Map<TemplateName, HandlebarsTypes.TemplateDelegate>();

export function render(name: TemplateName, view: object): string {
  let template = cache.get(name);
  if (!template) {
    template = environment(htmlTemplates.has(name)).template(templateSpecs[name]);
    cache.set(name, template);
  }
  return template(view);
}

/** An environment with the report's partials registered for it. */
function environment(html: boolean): Environment {
  let env = environments.get(html);
  if (!env) {
    env = Handlebars.create();
    for (const [name, specs] of Object.entries(partialSpecs)) env.registerPartial(name, env.template(html ? specs.html : specs.text));
    environments.set(html, env);
  }
  return env;
}
