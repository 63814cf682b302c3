import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters no name, code or free text of the REST APIs may hold: they are invisible, end strings in
 * C, or reorder what a user sees (a file called `invoice\u202Efdp.exe` reads as `invoiceexe.pdf`).
 *
 * - C0 controls U+0000–U+001F (NUL, ESC, …) — tab, line feed and carriage return only in multi-line text;
 * - DEL U+007F and the C1 controls U+0080–U+009F;
 * - bidirectional controls: U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E (LRE, RLE, PDF, LRO, RLO),
 *   U+2066–U+2069 (LRI, RLI, FSI, PDI);
 * - U+2028/U+2029 line and paragraph separators outside multi-line text;
 * - unpaired surrogates (not a character at all; MariaDB's utf8mb4 cannot store them).
 */
const FORBIDDEN_ALWAYS = String.raw`\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069`;
const LONE_SURROGATE = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const SINGLE_LINE = new RegExp(`[${FORBIDDEN_ALWAYS}\\u0009\\u000A\\u000D\\u2028\\u2029]|${LONE_SURROGATE}`);
const MULTI_LINE = new RegExp(`[${FORBIDDEN_ALWAYS}]|${LONE_SURROGATE}`);

export interface PlainTextOptions {
  /** free text where line breaks and tabs are allowed (descriptions, work-order content) */
  multiline?: boolean;
}

export const PLAIN_TEXT_CONSTRAINT = 'isPlainText';

/** The first forbidden character of `s` as `U+XXXX`, or undefined when the text is clean. */
export function forbiddenCharIn(s: string, opts: PlainTextOptions = {}): string | undefined {
  const m = (opts.multiline ? MULTI_LINE : SINGLE_LINE).exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

const MAX_DEPTH = 32;

/**
 * The first forbidden character anywhere in a value: in a string, or in the keys (single-line) and
 * values of an object or array, recursively (free-form JSON such as a form's data).
 */
export function forbiddenCharInValue(value: unknown, opts: PlainTextOptions = {}, depth = 0): string | undefined {
  if (typeof value === 'string') return forbiddenCharIn(value, opts);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = forbiddenCharInValue(v, opts, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const bad = forbiddenCharIn(k) ?? forbiddenCharInValue(v, opts, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * Refuses control characters, bidirectional controls and unpaired surrogates (see above) in a text
 * input; values that are not strings (or objects holding strings) pass, so the type check stays the
 * other decorators' job. Put it on every string property of a REST DTO.
 */
export function PlainText(opts: PlainTextOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: PLAIN_TEXT_CONSTRAINT,
      constraints: [opts.multiline === true],
      validator: {
        validate: (value: unknown) => forbiddenCharInValue(value, opts) === undefined,
        defaultMessage: (args) => `$property contains a forbidden character ${forbiddenCharInValue(args?.value, opts) ?? ''}`.trim(),
      },
    },
    validationOptions,
  );
}
