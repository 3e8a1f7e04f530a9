// emit: the model → files, through the handlebars templates in templates/.

import type { GeneratedFile, PythonApiModel } from '../types.js';
import { pythonIncView } from './python-inc.js';
import { render } from './templates.js';
import { exampleFiles } from './example.js';
import { buildLayout, layoutHtmlView, layoutJsonText, layoutMarkdownView, layoutPage, parseGenerator } from '../report/index.js';

export interface EmitOptions {
  /** 'gen-inc 0.1.0' */
  generator: string;
  /** the example module's name: NAME.asm, PyInit_NAME, test_NAME.py (NAME.abi3.so for the limited API) */
  module: string;
}

export function emit(model: PythonApiModel, options: EmitOptions): GeneratedFile[] {
  return [
    { path: 'python.inc', contents: render('python.inc', pythonIncView(model, options.generator)), role: 'include' },
    ...exampleFiles(model, options),
    ...layoutReportFiles(model, options.generator),
  ];
}

/** layout.json, and the same facts as a page for a browser and as Markdown. */
function layoutReportFiles(model: PythonApiModel, generator: string): GeneratedFile[] {
  const layout = buildLayout(model, parseGenerator(generator));
  const page = layoutPage(layout);
  return [
    { path: 'layout.json', contents: layoutJsonText(layout), role: 'report' },
    { path: 'layout.html', contents: render('layout.html', layoutHtmlView(page)), role: 'report' },
    { path: 'layout.md', contents: render('layout.md', layoutMarkdownView(page)), role: 'report' },
  ];
}
