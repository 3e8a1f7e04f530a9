// report: the model → layout.json (the data) and the views that layout.html and layout.md print.

export { buildLayout, layoutJsonText, parseGenerator, type GeneratorInfo } from './layout-json.js';
export { layoutPage, type LayoutPage, type PageConstant, type PageStruct, type PageSymbol } from './layout-page.js';
export { layoutHtmlView, type HtmlView } from './html-view.js';
export { layoutMarkdownView, type MarkdownView } from './markdown-view.js';
export { structGaps, type StructGaps } from './gaps.js';
export { layoutRows, type LayoutRow } from './rows.js';
export type * from './layout-types.js';
