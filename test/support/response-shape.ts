/**
 * Checks a real JSON answer against the response schema an app declares in its OpenAPI document,
 * so a response DTO cannot drift from what the handler returns. Deliberately small (no ajv): it
 * understands what @nestjs/swagger emits for DTO classes — $ref to components, allOf, nullable,
 * enum, required, properties, items, additionalProperties — and reports every mismatch at once.
 *
 * Strict by default: a property present in the body but not declared in the schema is a mismatch
 * (an undeclared field is one a generated client cannot see). Pass `{ allowExtra: true }` to relax.
 */

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
};

export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface ShapeOptions {
  /** Accept properties the schema does not declare. */
  allowExtra?: boolean;
}

/** The declared JSON schema of one operation's answer; throws when the operation declares none. */
export function declaredSchema(doc: OpenApiDoc, method: string, path: string, status: number): Schema {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method.toUpperCase()} ${path} in the OpenAPI document`);
  const schema = op.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} declares no application/json schema for ${status}`);
  return schema;
}

/** The mismatches between `body` and the declared schema (empty when it matches). */
export function schemaMismatches(doc: OpenApiDoc, method: string, path: string, status: number, body: unknown, options: ShapeOptions = {}): string[] {
  const errors: string[] = [];
  check(doc, declaredSchema(doc, method, path, status), body, '$', errors, options, 0);
  return errors;
}

/**
 * Fails (throws, so it works inside any jest test) when `body` does not match what
 * `method path` declares for `status`, listing every mismatch with its JSON path.
 */
export function assertMatchesSchema(doc: OpenApiDoc, method: string, path: string, status: number, body: unknown, options: ShapeOptions = {}): void {
  const errors = schemaMismatches(doc, method, path, status, body, options);
  if (errors.length > 0) {
    throw new Error(`${method.toUpperCase()} ${path} ${status}: the answer does not match its declared schema:\n  ${errors.slice(0, 30).join('\n  ')}`);
  }
}

function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let depth = 0; s.$ref && depth < 20; depth++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? doc.components?.schemas?.[name] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
    s = { ...target, nullable: s.nullable ?? target.nullable };
  }
  return s;
}

/** allOf members merged into one object schema (what Nest emits for a nullable or extended $ref). */
function flatten(doc: OpenApiDoc, schema: Schema): Schema {
  const s = resolve(doc, schema);
  if (!s.allOf) return s;
  const merged: Schema = { ...s, allOf: undefined };
  for (const part of s.allOf.map((p) => flatten(doc, p))) {
    merged.type ??= part.type;
    merged.enum ??= part.enum;
    merged.items ??= part.items;
    if (part.properties) merged.properties = { ...merged.properties, ...part.properties };
    if (part.required) merged.required = [...(merged.required ?? []), ...part.required];
    if (part.additionalProperties !== undefined) merged.additionalProperties ??= part.additionalProperties;
  }
  return merged;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(doc: OpenApiDoc, raw: Schema, value: unknown, at: string, errors: string[], options: ShapeOptions, depth: number): void {
  if (depth > 40) return;
  const schema = flatten(doc, raw);
  if (value === null) {
    if (!schema.nullable) errors.push(`${at}: null but not declared nullable`);
    return;
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const fits = alternatives.some((alt) => {
      const sub: string[] = [];
      check(doc, alt, value, at, sub, options, depth + 1);
      return sub.length === 0;
    });
    if (!fits) errors.push(`${at}: matches none of the declared alternatives`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  const actual = typeOf(value);
  const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  if (type === undefined) return; // an untyped schema ({}) accepts anything
  const typeFits = actual === type || (type === 'number' && actual === 'integer');
  if (!typeFits) {
    errors.push(`${at}: ${actual} where the schema declares ${type}`);
    return;
  }
  if (type === 'string' && schema.format === 'date-time' && Number.isNaN(Date.parse(value as string))) {
    errors.push(`${at}: ${JSON.stringify(value)} is not a date-time`);
  }
  if (type === 'array') {
    if (schema.items) (value as unknown[]).forEach((item, i) => check(doc, schema.items!, item, `${at}[${i}]`, errors, options, depth + 1));
    return;
  }
  if (type !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const key of schema.required ?? []) {
    if (!(key in obj)) errors.push(`${at}.${key}: required but missing`);
  }
  const props = schema.properties ?? {};
  for (const [key, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const propSchema = props[key];
    if (propSchema) {
      check(doc, propSchema, v, `${at}.${key}`, errors, options, depth + 1);
    } else if (typeof schema.additionalProperties === 'object') {
      check(doc, schema.additionalProperties, v, `${at}.${key}`, errors, options, depth + 1);
    } else if (schema.additionalProperties !== true && !options.allowExtra && Object.keys(props).length > 0) {
      errors.push(`${at}.${key}: present in the answer but not declared`);
    }
  }
}
