import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ClerkClaims {
  sub: number;
  username: string;
  role: 'OPERATOR' | 'APPROVER';
  exp: number;
}

/** Bearer tokens signed with HMAC-SM3; stateless so that several platform replicas accept them. */
export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  sign(claims: Omit<ClerkClaims, 'exp'>, nowMs = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(nowMs / 1000) + this.ttlSeconds })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string, nowMs = Date.now()): ClerkClaims | null {
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ClerkClaims;
      return typeof claims.exp === 'number' && claims.exp * 1000 > nowMs ? claims : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sm3', this.secret).update(body).digest('base64url');
  }
}
