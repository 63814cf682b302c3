import * as soap from 'soap';
import { buildDigestHeaders, readDigestHeaders, verifyDigest } from './digest-headers.auth';
import { NonceReplayCache } from './nonce-replay.cache';
import { computePasswordDigest } from './password-digest.util';
import { verifyUsernameToken } from './username-token.verifier';
import { ECHO_WSDL_XML } from './testing/soap-test.harness';

const lookup = (u: string) => (u === 'dept-amr' ? 'pa55word' : undefined);
const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('HTTP digest headers', () => {
  it('round-trips build → read → verify, and refuses the replay', () => {
    const cache = new NonceReplayCache();
    const headers = buildDigestHeaders('dept-amr', 'pa55word');
    expect(Object.keys(headers)).toEqual(['X-Ws-Username', 'X-Ws-Nonce', 'X-Ws-Created', 'X-Ws-Digest']);
    expect(Buffer.from(headers['X-Ws-Nonce'], 'base64')).toHaveLength(16);
    expect(new Date(headers['X-Ws-Created']).toISOString()).toBe(headers['X-Ws-Created']);
    const creds = readDigestHeaders(lower(headers));
    expect(verifyDigest(creds, lookup, cache)).toEqual({ ok: true, username: 'dept-amr' });
    expect(verifyDigest(creds, lookup, cache)).toEqual({ ok: false, reason: 'replay' });
  });

  it('digest is Base64(SHA-1(nonce bytes + created + password)) — same as node-soap', () => {
    const nonce = Buffer.from('0123456789abcdef').toString('base64');
    expect(computePasswordDigest(nonce, '2026-01-01T00:00:00Z', 'pw')).toBe(soap.passwordDigest(nonce, '2026-01-01T00:00:00Z', 'pw'));
  });

  it('refuses wrong password, unknown user, stale/future Created, missing and malformed parts', () => {
    const cache = new NonceReplayCache();
    const reason = (c: Parameters<typeof verifyDigest>[0], now?: number) => {
      const r = verifyDigest(c, lookup, cache, { nowMs: now });
      return r.ok ? 'ok' : r.reason;
    };
    const good = () => readDigestHeaders(lower(buildDigestHeaders('dept-amr', 'pa55word')));
    expect(reason(readDigestHeaders(lower(buildDigestHeaders('dept-amr', 'wrong'))))).toBe('bad-password');
    expect(reason(readDigestHeaders(lower(buildDigestHeaders('nobody', 'pa55word'))))).toBe('unknown-user');
    expect(reason(good(), Date.now() + 5 * 60_000 + 2_000)).toBe('stale');
    expect(reason(good(), Date.now() - 5 * 60_000 - 2_000)).toBe('stale');
    expect(reason(good(), Date.now() + 4 * 60_000)).toBe('ok');
    expect(reason({ ...good(), digest: undefined })).toBe('missing');
    expect(reason({})).toBe('missing');
    expect(reason({ ...good(), nonce: 'not base64!' })).toBe('malformed');
    expect(reason({ ...good(), created: 'yesterday' })).toBe('malformed');
    expect(reason({ ...good(), digest: Buffer.alloc(19).toString('base64') })).toBe('malformed');
  });

  it('ignores repeated headers instead of guessing', () => {
    const h = lower(buildDigestHeaders('dept-amr', 'pa55word')) as Record<string, string | string[]>;
    h['x-ws-username'] = ['dept-amr', 'other'];
    expect(readDigestHeaders(h).username).toBeUndefined();
  });

  it('refuses non-ASCII usernames when building headers', () => {
    expect(() => buildDigestHeaders('张三', 'x')).toThrow(TypeError);
  });
});

describe('NonceReplayCache', () => {
  it('forgets nonces once their acceptance window is over', () => {
    const cache = new NonceReplayCache();
    expect(cache.checkAndRemember('n', 1_000, 0)).toBe('fresh');
    expect(cache.checkAndRemember('n', 1_000, 999)).toBe('replay');
    expect(cache.checkAndRemember('n', 3_000, 1_000)).toBe('fresh');
  });

  it('is bounded: sweeps expired entries, then fails closed when full of live ones', () => {
    const cache = new NonceReplayCache({ maxEntries: 3, sweepIntervalMs: 0 });
    expect(['a', 'b', 'c'].map((k) => cache.checkAndRemember(k, 100, 0))).toEqual(['fresh', 'fresh', 'fresh']);
    expect(cache.checkAndRemember('d', 100, 50)).toBe('full');
    expect(cache.checkAndRemember('d', 300, 150)).toBe('fresh');
    expect(cache.size).toBe(1);
  });

  it('a full cache makes verification fail with replay-cache-full', () => {
    const cache = new NonceReplayCache({ maxEntries: 1 });
    const mk = () => readDigestHeaders(lower(buildDigestHeaders('dept-amr', 'pa55word')));
    expect(verifyDigest(mk(), lookup, cache).ok).toBe(true);
    expect(verifyDigest(mk(), lookup, cache)).toEqual({ ok: false, reason: 'replay-cache-full' });
  });
});

/** node-soap's Server sets wsdl.options.attributesKey = 'attributes'; a bare WSDL leaves it undefined. */
function parserLikeTheServer(): soap.WSDL {
  const wsdl = new soap.WSDL(ECHO_WSDL_XML, 'echo.wsdl', {});
  (wsdl as unknown as { options: Record<string, unknown> }).options.attributesKey = 'attributes';
  return wsdl;
}

describe('SOAP UsernameToken produced by node-soap WSSecurity', () => {
  it('node-soap WSSecurity(PasswordDigest, hasTimeStamp:false) is accepted by the kit verifier', async () => {
    const wsdl = parserLikeTheServer();
    await new Promise<void>((resolve, reject) => wsdl.onReady((err: unknown) => (err ? reject(err) : resolve())));
    const sec = new soap.WSSecurity('dept-amr', 'pa55word', { passwordType: 'PasswordDigest', hasTimeStamp: false });
    const xml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>${sec.toXML()}</soap:Header><soap:Body/></soap:Envelope>`;
    expect(xml).not.toContain('Timestamp');
    const parsed = wsdl.xmlToObject(xml) as { Header: { Security: unknown } };
    const cache = new NonceReplayCache();
    expect(verifyUsernameToken(parsed.Header.Security, lookup, cache)).toEqual({ ok: true, username: 'dept-amr' });
    expect(verifyUsernameToken(parsed.Header.Security, lookup, cache)).toEqual({ ok: false, reason: 'replay' });
  });

  it('PasswordText from node-soap is refused by default and accepted when allowed', async () => {
    const wsdl = parserLikeTheServer();
    await new Promise<void>((resolve) => wsdl.onReady(() => resolve()));
    const sec = new soap.WSSecurity('dept-amr', 'pa55word', { passwordType: 'PasswordText', hasTimeStamp: false });
    const xml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>${sec.toXML()}</soap:Header><soap:Body/></soap:Envelope>`;
    const parsed = wsdl.xmlToObject(xml) as { Header: { Security: unknown } };
    expect(verifyUsernameToken(parsed.Header.Security, lookup, new NonceReplayCache())).toEqual({ ok: false, reason: 'password-text-disabled' });
    expect(verifyUsernameToken(parsed.Header.Security, lookup, new NonceReplayCache(), { allowPasswordText: true })).toEqual({
      ok: true,
      username: 'dept-amr',
    });
  });

  it('refuses two UsernameTokens', () => {
    const token = { Username: 'dept-amr', Password: { $value: 'x' } };
    expect(verifyUsernameToken({ UsernameToken: [token, token] }, lookup, new NonceReplayCache())).toEqual({ ok: false, reason: 'malformed' });
  });
});
