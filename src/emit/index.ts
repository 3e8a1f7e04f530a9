// emit: the model → files, through the handlebars templates in templates/.

import type { GeneratedFile, PythonApiModel } from '../types.js';
import { pythonIncView } from './python-inc.js';
import { render } from './templates.js';
import { buildLayout, layoutHtmlView, layoutJsonText, layoutMarkdownView, parseGenerator } from '../report/index.js';

export interface EmitOptions {
  /** 'gen-inc 0.1.0' */
  generator: string;
  /** the example module's name: NAME.asm, PyInit_NAME, test_NAME.py */
  module: string;
}

export function emit(model: PythonApiModel, options: EmitOptions): GeneratedFile[] {
  const example = {
    generator: options.generator,
    module: options.module,
    version: model.python.version,
    python: model.python.interpreter ?? `python${model.python.shortVersion}`,
  };
  return [
    { path: 'python.inc', contents: render('python.inc', pythonIncView(model, options.generator)), role: 'include' },
    { path: `${options.module}.asm`, contents: render('module.asm', example), role: 'example' },
    { path: 'Makefile', contents: render('Makefile', example), role: 'example' },
    { path: `test_${options.module}.py`, contents: render('test_module.py', example), role: 'example' },
    ...layoutReportFiles(model, options.generator),
  ];
}

/** layout.json, and the same facts as a page for a browser and as Markdown. */
function layoutReportFiles(model: PythonApiModel, generator: string): GeneratedFile[] {
  const layout = buildLayout(model, parseGenerator(generator));
  return [
    { path: 'layout.json', contents: layoutJsonText(layout), role: 'report' },
    { path: 'layout.html', contents: render('layout.html', layoutHtmlView(layout)), role: 'report' },
    { path: 'layout.md', contents: render('layout.md', layoutMarkdownView(layout)), role: 'report' },
  ];
}
