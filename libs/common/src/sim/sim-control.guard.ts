import { CanActivate, ExecutionContext, Inject, Injectable, Provider } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/app-error';
import { ReturnCode } from '../errors/return-codes';

/** Injection token: the simulator's SIM_CONTROL_TOKEN (undefined = control routes closed). */
export const SIM_CONTROL_TOKEN = Symbol('SIM_CONTROL_TOKEN');

/** What a simulator's config validates SIM_CONTROL_TOKEN against. */
export const SIM_CONTROL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** True when the Authorization header carries exactly this bearer token (constant time). */
export function bearerMatches(header: string | undefined, want: string): boolean {
  const got = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const w = Buffer.from(want);
  return got.length === w.length && timingSafeEqual(got, w);
}

/**
 * The control and inspection routes of a simulated peer (inboxes hold phone numbers and message
 * texts; faults change what the platform meets) answer only to `Authorization: Bearer
 * <SIM_CONTROL_TOKEN>`: without a configured token they are closed (1007), a wrong or missing token
 * answers 1001. The peer's own protocol interfaces (SMTP, CMPP, the voice call API) are not behind it.
 */
@Injectable()
export class SimControlGuard implements CanActivate {
  constructor(@Inject(SIM_CONTROL_TOKEN) private readonly token: string | undefined) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.token) throw new AppError(ReturnCode.FORBIDDEN, '未配置 SIM_CONTROL_TOKEN：模拟器控制接口已关闭');
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!bearerMatches(req.headers.authorization, this.token)) throw new AppError(ReturnCode.AUTH_FAILED, '模拟器控制令牌错误');
    return true;
  }
}

/** The providers of a simulator's control routes: its token and the guard. */
export const simControlProviders = (token: string | undefined): Provider[] => [{ provide: SIM_CONTROL_TOKEN, useValue: token }, SimControlGuard];
