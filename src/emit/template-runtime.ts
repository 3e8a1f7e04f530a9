// What the compiled templates (templates.generated.ts) call: Handlebars' semantics for escaping,
// `{{#if}}`, `{{#each}}` and strict lookups, so that compiling them changes no byte of output.

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
const mayNeedEscaping = /[&<>"'`=]/;
const needsEscaping = /[&<>"'`=]/g;

/** Handlebars' `escapeExpression`: null and undefined print as '', other values as their text. */
export function escapeHtml(value: unknown): string {
  if (value == null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return mayNeedEscaping.test(text) ? text.replace(needsEscaping, (c) => htmlEntities[c]!) : text;
}

/** `{{#if}}`: false, 0, '', null, undefined and empty arrays choose `{{else}}`. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

const noItems: readonly unknown[] = [];

/** `{{#each}}` over an array; nothing for null or undefined. */
export function listOf(value: unknown): readonly any[] {
  if (Array.isArray(value)) return value;
  if (value == null) return noItems;
  throw new Error(`{{#each}} over ${typeof value}: only arrays are supported`);
}

/** The value of a name the view holds as null or undefined, or the error strict mode raises. */
export function missing(view: unknown, name: string): string {
  if (view !== null && typeof view === 'object' && name in view) return '';
  throw new Error(`"${name}" not defined in ${String(view)}`);
}
