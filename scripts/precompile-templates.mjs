// Compiles templates/*.hbs (and the templates/partials/layout-*.hbs they include) into plain
// functions in src/emit/templates.generated.ts, so that a run neither loads Handlebars nor goes
// through its runtime: each template pushes its pieces onto one array, partials included, and
// joins it once, so that a file's text is made flat in one copy rather than built as a rope of a
// node per piece, which the garbage collector would move and the writer flatten. Handlebars' own
// parser reads the templates (with its rules for standalone lines), and only the subset our
// templates use is accepted: `{{path}}`, `{{this}}`, `{{#each path}}`, `{{#if path}}…{{else}}`,
// and `{{> partial}}` at the start of a line; anything else stops the build. Strict mode is
// kept: a name the view lacks throws, as Handlebars' `strict` does.
// Run by `npm run build`; the generated file is not committed.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const root = new URL('../', import.meta.url);
const templatesDir = new URL('templates/', root);
const partialsDir = new URL('partials/', templatesDir);

/** Output that is HTML is escaped; assembly, Makefiles, Python and Markdown are not. */
const html = new Set(['layout.html']);

const templates = readdirSync(templatesDir).filter((f) => f.endsWith('.hbs')).sort().map((f) => f.slice(0, -4));
const partialSources = new Map(
  readdirSync(partialsDir)
    .filter((f) => f.startsWith('layout-') && f.endsWith('.hbs'))
    .map((f) => [f.slice(0, -4), readFileSync(new URL(f, partialsDir), 'utf8')]),
);

/** Function name of a partial compiled for one kind of output. */
const partialFunction = (name, escape) => `${name.replace(/-(.)/g, (_, c) => c.toUpperCase())}${escape ? 'Html' : 'Text'}`;

/** Partials compiled so far, keyed by their function name. */
const partialFunctions = new Map();

function fail(file, node, message) {
  const where = node.loc ? `:${node.loc.start.line}:${node.loc.start.column}` : '';
  throw new Error(`${file}${where}: ${message}`);
}

/** Compiles one template or partial into statements that push its pieces of `c0`, the view, onto `out`. */
function compileProgram(file, source, escape) {
  const lines = [];
  const pieces = [];
  const flush = (indent) => {
    if (pieces.length > 0) lines.push(`${indent}out.push(${pieces.join(', ')});`);
    pieces.length = 0;
  };

  /**
   * A path's value in the context `c{depth}`: a missing last name throws, as in strict mode, and a
   * name that is there but null or undefined prints as ''.
   */
  function value(path, depth) {
    if (path.type !== 'PathExpression' || path.data || path.depth !== 0) fail(file, path, `unsupported expression ${path.original}`);
    const context = `c${depth}`;
    if (path.parts.length === 0) return context;
    const parent = [context, ...path.parts.slice(0, -1)].join('.');
    const name = path.parts[path.parts.length - 1];
    return `(${parent}.${name} ?? missing(${parent}, ${JSON.stringify(name)}))`;
  }

  function statements(program, depth, indent) {
    for (const node of program.body) {
      switch (node.type) {
        case 'ContentStatement':
          if (node.value) pieces.push(JSON.stringify(node.value));
          break;
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          if (node.params.length > 0 || node.hash) fail(file, node, 'helpers are not supported');
          const shown = value(node.path, depth);
          if (escape && node.escaped) pieces.push(`escapeHtml(${shown})`);
          else pieces.push(node.path.parts.length === 0 ? `(${shown} ?? '')` : shown);
          break;
        }
        case 'PartialStatement': {
          if (node.name.type !== 'PathExpression' || node.params.length > 0 || node.hash) fail(file, node, 'only `{{> name}}` is supported');
          if (node.indent) fail(file, node, 'an indented partial is not supported');
          flush(indent);
          lines.push(`${indent}${partial(node.name.original, escape)}(c${depth}, out);`);
          break;
        }
        case 'BlockStatement': {
          const helper = node.path.original;
          if (node.params.length !== 1 || node.hash || node.program.blockParams) fail(file, node, `unsupported block ${helper}`);
          const subject = value(node.params[0], depth);
          flush(indent);
          if (helper === 'each') {
            if (node.inverse) fail(file, node, '{{else}} in {{#each}} is not supported');
            const list = `l${depth + 1}`;
            const index = `i${depth + 1}`;
            lines.push(`${indent}for (let ${index} = 0, ${list} = listOf(${subject}); ${index} < ${list}.length; ${index}++) {`);
            lines.push(`${indent}  const c${depth + 1} = ${list}[${index}];`);
            statements(node.program, depth + 1, `${indent}  `);
            flush(`${indent}  `);
            lines.push(`${indent}}`);
          } else if (helper === 'if') {
            lines.push(`${indent}if (isTruthy(${subject})) {`);
            statements(node.program, depth, `${indent}  `);
            flush(`${indent}  `);
            if (node.inverse) {
              lines.push(`${indent}} else {`);
              statements(node.inverse, depth, `${indent}  `);
              flush(`${indent}  `);
            }
            lines.push(`${indent}}`);
          } else fail(file, node, `unsupported block ${helper}`);
          break;
        }
        default:
          fail(file, node, `unsupported ${node.type}`);
      }
    }
  }

  statements(Handlebars.parse(source), 0, '  ');
  flush('  ');
  return lines.join('\n');
}

/** The function name of a partial, compiling it the first time it is used with this escaping. */
function partial(name, escape) {
  const source = partialSources.get(name);
  if (source === undefined) throw new Error(`unknown partial ${name}`);
  const fn = partialFunction(name, escape);
  if (!partialFunctions.has(fn)) {
    partialFunctions.set(fn, '');
    partialFunctions.set(fn, `function ${fn}(c0: any, out: unknown[]): void {\n${compileProgram(`partials/${name}.hbs`, source, escape)}\n}`);
  }
  return fn;
}

const compiled = templates.map((name) => {
  const source = readFileSync(new URL(`${name}.hbs`, templatesDir), 'utf8');
  const body = ['  const out: unknown[] = [];', compileProgram(`${name}.hbs`, source, html.has(name)), "  return out.join('');"].join('\n');
  return `  ${JSON.stringify(name)}(c0: any): string {\n${body.replace(/^/gm, '  ')}\n  },`;
});

const lines = [
  '// Generated by scripts/precompile-templates.mjs from templates/; do not edit.',
  '',
  "import { escapeHtml, isTruthy, listOf, missing } from './template-runtime.js';",
  '',
  ...[...partialFunctions.values()].flatMap((fn) => [fn, '']),
  'export const templates = {',
  ...compiled,
  '};',
  '',
];
writeFileSync(new URL('src/emit/templates.generated.ts', root), lines.join('\n'));
