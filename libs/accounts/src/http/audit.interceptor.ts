import { AppError, redactPersonalData, ReturnCode } from '@app/common';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { AuditService } from '../services/audit.service';
import { clientOf, NO_CALL_AUDIT, RequestWithPrincipal } from './access.decorators';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A short summary of a request body for the audit log, secrets removed and personal data masked
 * (the rule set of @app/common privacy/personal-fields) before anything is shortened.
 */
export function summarizeBody(body: unknown): unknown {
  return shorten(redactPersonalData(body));
}

function shorten(body: unknown, depth = 0): unknown {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body.length > 120 ? `${body.slice(0, 120)}…(${body.length})` : body;
  if (typeof body !== 'object') return body;
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`;
  if (depth >= 2) return Array.isArray(body) ? `[${body.length}]` : '{…}';
  if (Array.isArray(body))
    return body
      .slice(0, 5)
      .map((v) => shorten(v, depth + 1))
      .concat(body.length > 5 ? [`…(${body.length})`] : []);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>).slice(0, 30)) out[k] = shorten(v, depth + 1);
  return out;
}

/**
 * One audit entry per state-changing call by a logged-in account: actor (the session's account),
 * route, target (path parameters), a summary of what was asked (body, secrets removed) and of what
 * resulted (the ids in the answer), success or the refusal's code.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
    if (!WRITES.has(req.method) || !req.principal || this.reflector.getAllAndOverride<boolean>(NO_CALL_AUDIT, [ctx.getHandler(), ctx.getClass()]))
      return next.handle();
    const routePath = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const target = `${req.method} ${routePath}`;
    const base = {
      params: redactPersonalData(req.params),
      query: Object.keys(req.query ?? {}).length ? redactPersonalData(req.query) : undefined,
      request: summarizeBody(req.body),
    };
    const ctxA = { principal: req.principal, clientIp: clientOf(req).ip };
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(this.audit.record('CALL', ctxA, { target, code: ReturnCode.OK, detail: { ...base, result: resultSummary(result) } }).then(() => result)),
      ),
      catchError((err: unknown) =>
        from(
          this.audit.record('CALL', ctxA, { target, outcome: 'FAILURE', code: err instanceof AppError ? err.code : ReturnCode.INTERNAL, detail: base }),
        ).pipe(mergeMap(() => throwError(() => err))),
      ),
    );
  }
}

/** The identifying fields of an answer (ids, numbers, states), not the whole body; personal numbers among them masked. */
function resultSummary(result: unknown): unknown {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return Array.isArray(result) ? `[${result.length}]` : (result ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) {
    if (/^(id|.*Id|.*No|.*Code|state|status|version|currentVersion|username|role)$/.test(k) && (typeof v !== 'object' || v === null)) out[k] = v;
  }
  return redactPersonalData(out);
}
