/**
 * C0 control characters other than tab, line feed and carriage return, and DEL: nothing a person types.
 * U+0000 in particular is refused by PostgreSQL in text and jsonb, which would surface as a 500.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this expression's purpose
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Half of a surrogate pair without its other half: JSON can carry it, PostgreSQL's jsonb refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string PostgreSQL and every reader can store as it is: no control characters, no lone surrogate halves. */
const storable = (text: string): boolean => !CONTROL_CHARACTER.test(text) && !LONE_SURROGATE.test(text);

/**
 * The `reporter.name` / `answers[2].note`-style paths of every string in a parsed JSON body (values
 * and keys) that cannot be stored as it is, in document order.
 */
export function unstorableTextFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return storable(value) ? [] : [path || 'body'];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableTextFields(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = path ? `${path}.${key}` : key;
      return storable(key) ? unstorableTextFields(item, field) : [path || 'body'];
    });
  }
  return [];
}
