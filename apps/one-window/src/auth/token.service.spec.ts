import { TokenService } from './token.service';

describe('TokenService', () => {
  const svc = new TokenService('x'.repeat(32), 60);

  it('round-trips claims and rejects tampering, other secrets and expiry', () => {
    const t = svc.sign({ sub: 1, username: 'window01', role: 'OPERATOR' }, 1_000_000);
    expect(svc.verify(t, 1_000_000)?.username).toBe('window01');
    const [body, mac] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 1, username: 'boss', role: 'APPROVER', exp: 9e9 })).toString('base64url');
    expect(svc.verify(`${forged}.${mac}`, 1_000_000)).toBeNull();
    expect(new TokenService('y'.repeat(32), 60).verify(t, 1_000_000)).toBeNull();
    expect(svc.verify(t, 1_000_000 + 61_000)).toBeNull();
    expect(svc.verify(`${body}`, 1_000_000)).toBeNull();
  });
});
