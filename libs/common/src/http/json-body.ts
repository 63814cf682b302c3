import express, { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { RETURN_CODES, ReturnCode } from '../errors/return-codes';
import { currentCorrelationId } from '../logging/correlation';

/** JSON body limit of the REST management routes (forms, settings, actions). */
export const REST_JSON_LIMIT_BYTES = 256 * 1024;
/** Deepest nesting of arrays/objects any JSON body may have; the contracts need 4. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

const COMMA = 0x2c;

export interface JsonShapeLimits {
  /** deepest nesting of arrays/objects */
  maxDepth: number;
  /** most values in arrays and members in objects, counted over the whole body (commas + 1); unlimited when absent */
  maxMembers?: number;
}

/**
 * What is wrong with the shape of JSON text, decided on the raw bytes in one pass without parsing
 * (brackets and commas inside strings do not count): nested deeper than `maxDepth`, or more than
 * `maxMembers` values. Stops at the first excess, so a megabyte of `[[[[…` costs microseconds instead
 * of a JSON.parse that holds the event loop. Works on UTF-8 (and any ASCII-compatible encoding):
 * `"`, `\`, `,` and brackets are single bytes there.
 */
export function jsonShapeProblem(body: Buffer | string, limits: JsonShapeLimits): 'depth' | 'members' | undefined {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const maxCommas = limits.maxMembers === undefined ? Infinity : limits.maxMembers - 1;
  let depth = 0;
  let commas = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limits.maxDepth) return 'depth';
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
    else if (c === COMMA && ++commas > maxCommas) return 'members';
  }
  return undefined;
}

/** Whether JSON text nests arrays/objects deeper than `maxDepth` (see jsonShapeProblem). */
export function jsonDepthExceeds(body: Buffer | string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  return jsonShapeProblem(body, { maxDepth }) === 'depth';
}

/** A route with its own JSON body limit: an exact path, or a pattern for paths with parameters. */
export interface JsonBodyRoute {
  path: string | RegExp;
  limitBytes: number;
  /** a tighter shape than the default (depth ≤ 32), e.g. a flat object of parameters */
  shape?: JsonShapeLimits;
}

export interface JsonBodyOptions {
  /** limit of every route not listed in `routes` (default REST_JSON_LIMIT_BYTES) */
  limitBytes?: number;
  /** routes sized to their contract (report intake, notification intake, bulk sample push) */
  routes?: readonly JsonBodyRoute[];
  maxDepth?: number;
}

const PARSER_CODES: Record<string, ReturnCode> = {
  'entity.too.large': ReturnCode.MESSAGE_TOO_LARGE,
  'entity.too.deep': ReturnCode.MALFORMED_MESSAGE,
  'entity.too.wide': ReturnCode.MALFORMED_MESSAGE,
  'entity.parse.failed': ReturnCode.MALFORMED_MESSAGE,
  'request.size.invalid': ReturnCode.MALFORMED_MESSAGE,
  'encoding.unsupported': ReturnCode.UNSUPPORTED_ENCODING,
  'charset.unsupported': ReturnCode.UNSUPPORTED_ENCODING,
};

const DETAILS: Partial<Record<string, string>> = {
  'entity.too.deep': '嵌套层级过深',
  'entity.too.wide': '成员过多',
  'entity.parse.failed': '不是合法的JSON',
};

/** Answers a refusal of the JSON parser with its return code (1004, 1005, 1006), or passes it on. */
export function jsonParserErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = (err ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  const type = e.type;
  // a decompression failure (a body labelled gzip/deflate/br that is not) carries no type, only its 400
  const code = typeof type === 'string' ? PARSER_CODES[type] : e.expose === true && e.status === 400 ? ReturnCode.MALFORMED_MESSAGE : undefined;
  if (!code) return next(err);
  const limit = (err as { limit?: unknown }).limit;
  const detail =
    type === 'entity.too.large' && typeof limit === 'number' ? `超过 ${limit} 字节` : typeof type === 'string' ? DETAILS[type] : '内容与其内容编码不符';
  res
    .status(RETURN_CODES[code].httpStatus)
    .json({ code, message: detail ? `${RETURN_CODES[code].message}：${detail}` : RETURN_CODES[code].message, correlationId: currentCorrelationId() });
}

/** One JSON parser: size limit (counted while reading, after decompression), shape check before parsing. */
export function limitedJsonParser(limitBytes: number, shape: JsonShapeLimits = { maxDepth: MAX_JSON_DEPTH }): RequestHandler {
  return express.json({
    limit: limitBytes,
    verify: (_req, _res, buf) => {
      const problem = jsonShapeProblem(buf, shape);
      if (problem === 'depth') throw Object.assign(new Error(`JSON nested deeper than ${shape.maxDepth} levels`), { type: 'entity.too.deep', status: 400 });
      if (problem === 'members') throw Object.assign(new Error(`JSON with more than ${shape.maxMembers} values`), { type: 'entity.too.wide', status: 400 });
    },
  });
}

/**
 * The app-wide JSON body parser: small bodies for the REST routes, a larger limit only where a
 * contract needs it, nesting limited everywhere; its refusals answered with their codes right away
 * (1005 too large, 1004 not JSON or nested too deep, 1006 an unsupported encoding). A body is read
 * no further than its route's limit, so an oversized upload costs neither memory nor a JSON.parse.
 */
export function jsonBodyParser(o: JsonBodyOptions = {}): (RequestHandler | ErrorRequestHandler)[] {
  const maxDepth = o.maxDepth ?? MAX_JSON_DEPTH;
  const fallback = limitedJsonParser(o.limitBytes ?? REST_JSON_LIMIT_BYTES, { maxDepth });
  const routes = (o.routes ?? []).map((r) => ({
    matches: typeof r.path === 'string' ? (p: string) => p === r.path : (p: string) => (r.path as RegExp).test(p),
    parser: limitedJsonParser(r.limitBytes, r.shape ?? { maxDepth }),
  }));
  const pick: RequestHandler = (req, res, next) => {
    const route = routes.find((r) => r.matches(req.path));
    return (route?.parser ?? fallback)(req, res, next);
  };
  return [pick, jsonParserErrorHandler];
}
