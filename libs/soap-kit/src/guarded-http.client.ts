import * as soap from 'soap';
import { prescanXml } from './xml-prescan.guard';

/** A peer's answer the kit refused to hand to node-soap's parser. */
export class ResponseRefusedError extends Error {
  constructor(
    public readonly reason: string,
    public readonly httpStatus?: number,
  ) {
    super(`response refused before parsing: ${reason}`);
    this.name = 'ResponseRefusedError';
  }
}

type Callback = (error: unknown, res?: { status?: number }, body?: unknown) => unknown;

function refusal(body: unknown, status: number | undefined): ResponseRefusedError | undefined {
  if (typeof body !== 'string' || body.length === 0) return undefined;
  const scan = prescanXml(body);
  return scan.ok ? undefined : new ResponseRefusedError(scan.reason, status);
}

/**
 * node-soap's HttpClient with the server-side pre-scan applied to responses: the client parses
 * with the same multiRef code, so a hostile peer answering `id="__proto__"` would otherwise poison
 * Object.prototype in the calling process. node-soap also re-parses `err.response.data` on errors,
 * so refused errors carry no response.
 */
export class GuardedHttpClient extends soap.HttpClient {
  override request(...args: Parameters<soap.HttpClient['request']>): ReturnType<soap.HttpClient['request']> {
    const [rurl, data, callback, exheaders, exoptions] = args;
    const guarded: Callback = (error, res, body) => {
      if (error) {
        const e = error as { response?: { status?: number; data?: unknown } };
        const refused = refusal(e.response?.data, e.response?.status);
        return callback(refused ?? error);
      }
      const refused = refusal(body, res?.status);
      return refused ? callback(refused) : callback(null, res, body);
    };
    return super.request(rurl, data, guarded, exheaders, exoptions);
  }
}
