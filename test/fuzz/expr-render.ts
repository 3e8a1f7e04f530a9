// An expression tree as C text, with no more parentheses than precedence needs (plus those the
// tree asks for), and with the subtrees marked `macro` written through macros whose definitions
// are collected: object-like (parenthesized or bare), function-like (parenthesized or bare),
// `##` pasting a literal together, and an identity macro. Every form keeps the tree's meaning, so
// the value the model computed stays the value the text has.

import type { BinaryOperator, Expr } from './expr-tree.js';

const precedence: Record<BinaryOperator, number> = {
  '||': 2, '&&': 3, '|': 4, '^': 5, '&': 6, '==': 7, '!=': 7, '<': 8, '>': 8, '<=': 8, '>=': 8,
  '<<': 9, '>>': 9, '+': 10, '-': 10, '*': 11, '/': 11, '%': 11,
};
const comma = 0;
const conditional = 1;
const unary = 12;
const primary = 13;

export class Renderer {
  /** `#define` lines the text needs, in order */
  readonly defines: string[] = [];
  private count = 0;

  /** `prefix` makes the macro names of one case unique in a batch. */
  constructor(private readonly prefix: string) {}

  render(e: Expr, minimum = comma): string {
    if (e.macro) return this.throughMacro(e, minimum);
    const [text, level] = this.bare(e);
    return e.parenthesized || level < minimum ? `( ${text} )` : text;
  }

  private name(letter: string): string {
    return `${letter}${this.prefix}_${this.count++}`;
  }

  /** The text of `e` without macros at its root, and its precedence level. */
  private bare(e: Expr): [string, number] {
    switch (e.kind) {
      case 'literal':
        return [e.text, primary];
      case 'identifier':
        return [e.name, primary];
      case 'defined':
        return [e.parenthesized ? `defined ( ${e.name} )` : `defined ${e.name}`, unary];
      case 'measure':
        return [e.text, unary];
      case 'sizeof':
        return [`sizeof ( ${this.render(e.operand)} )`, unary];
      case 'cast':
        return [`( ${e.to.name} ) ${this.render(e.operand, unary)}`, unary];
      case 'unary':
        return [`${e.op} ${this.render(e.operand, unary)}`, unary];
      case 'binary': {
        const p = precedence[e.op];
        return [`${this.render(e.left, p)} ${e.op} ${this.render(e.right, p + 1)}`, p];
      }
      case 'conditional':
        return [`${this.render(e.condition, conditional + 1)} ? ${this.render(e.then, comma)} : ${this.render(e.otherwise, conditional)}`, conditional];
      case 'comma':
        return [`${this.render(e.left, comma)} , ${this.render(e.right, conditional)}`, comma];
    }
  }

  private throughMacro(e: Expr, minimum: number): string {
    const plain = { ...e };
    delete plain.macro;
    switch (e.macro) {
      case 'object': {
        const name = this.name('O');
        this.defines.push(`#define ${name} ( ${this.render(plain)} )`);
        return name;
      }
      case 'object-bare': {
        const name = this.name('B');
        this.defines.push(`#define ${name} ${this.render(plain)}`);
        return `( ${name} )`;
      }
      case 'identity': {
        const name = this.name('I');
        this.defines.push(`#define ${name}(x) x`);
        return `${name} ( ${this.render(plain, primary)} )`;
      }
      case 'paste': {
        if (e.kind !== 'literal' || !/^\d/.test(e.text)) break;
        const name = this.name('P');
        this.defines.push(`#define ${name}(a, b) a ## b`);
        const cut = splitPoint(e.text);
        const text = `${name} ( ${e.text.slice(0, cut)} , ${e.text.slice(cut)} )`;
        return e.parenthesized ? `( ${text} )` : text;
      }
      case 'function':
      case 'function-bare': {
        if (e.kind !== 'binary') break;
        const name = this.name('F');
        const bare = e.macro === 'function-bare';
        this.defines.push(bare ? `#define ${name}(a, b) a ${e.op} b` : `#define ${name}(a, b) ( ( a ) ${e.op} ( b ) )`);
        const argument = bare ? primary : conditional;
        const call = `${name} ( ${this.render(e.left, argument)} , ${this.render(e.right, argument)} )`;
        return bare ? `( ${call} )` : call;
      }
      default:
    }
    return this.render(plain, minimum);
  }
}

/** Where a number may be cut so that both halves are tokens that paste back into it: after a digit, before anything. */
function splitPoint(text: string): number {
  // deterministic, so a case renders the same every time: the middle, moved to follow a digit
  let cut = Math.max(1, Math.floor(text.length / 2));
  while (cut > 1 && !/\d/.test(text[cut - 1]!)) cut--;
  return cut;
}
