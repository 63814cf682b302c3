import { AppError, ReturnCode } from '@app/common';
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import { Principal } from '../model/principal';
import { Role } from '../model/roles';

export const PUBLIC_ROUTE = 'accounts:public';
export const ROUTE_ROLES = 'accounts:roles';
export const DURING_PASSWORD_CHANGE = 'accounts:during-password-change';
export const NO_CALL_AUDIT = 'accounts:no-call-audit';
export const SIMULATOR_ONLY = 'accounts:simulator-only';

/** Any logged-in account, whatever its role (own profile, logout, own password). */
export const ANY_ROLE = '*';

/**
 * A route open without a session: machine-to-machine interfaces that authenticate each message
 * themselves (WS-Security, signed secure messages), the login itself and the liveness probe.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/** The roles allowed on a route (or every route of a controller). A route with neither this nor @Public is refused. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROUTE_ROLES, roles), ApiExtension('x-roles', roles));

export const AnyRole = () => applyDecorators(SetMetadata(ROUTE_ROLES, [ANY_ROLE]), ApiExtension('x-roles', [ANY_ROLE]));

/** Allowed while the account must still change its password. */
export const AllowDuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE, true);

/** The route audits itself in detail (account administration), so the generic CALL entry is not written. */
export const NoCallAudit = () => SetMetadata(NO_CALL_AUDIT, true);

/**
 * A control of the simulation (device faults, the upstream node's writer): absent from a production
 * node or city — answered as an unknown route unless SIMULATOR_CONTROLS=on — and role-checked even then.
 */
export const SimulatorOnly = () => applyDecorators(SetMetadata(SIMULATOR_ONLY, true), ApiExtension('x-simulator-only', true));

export type RequestWithPrincipal = Request & { principal?: Principal };

/** The authenticated account of the request: the actor of whatever the route changes. */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const p = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!p) throw new AppError(ReturnCode.NOT_LOGGED_IN);
  return p;
});

export function clientOf(req: Request): { ip: string | null; userAgent: string | null } {
  return { ip: req.ip ?? req.socket.remoteAddress ?? null, userAgent: req.header('user-agent') ?? null };
}
