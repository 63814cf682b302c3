import { AppError, ReturnCode } from '@app/common';
import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ClerkClaims, TokenService } from './token.service';

type WithClerk = Request & { clerk?: ClerkClaims };

@Injectable()
export class ClerkGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<WithClerk>();
    const header = req.header('authorization') ?? '';
    const claims = header.startsWith('Bearer ') ? this.tokens.verify(header.slice(7)) : null;
    if (!claims) throw new AppError(ReturnCode.AUTH_FAILED, '请先登录');
    req.clerk = claims;
    return true;
  }
}

export const CurrentClerk = createParamDecorator((_: unknown, ctx: ExecutionContext): ClerkClaims => {
  const clerk = ctx.switchToHttp().getRequest<WithClerk>().clerk;
  if (!clerk) throw new AppError(ReturnCode.AUTH_FAILED);
  return clerk;
});
