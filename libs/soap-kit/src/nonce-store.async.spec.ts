import { buildDigestHeaders, readDigestHeaders, verifyDigest } from './digest-headers.auth';
import type { NonceStore, RememberResult } from './nonce-replay.cache';
import { computePasswordDigest } from './password-digest.util';
import { echoBody, envelope, faultDetail, rawRequest, securityHeader, soapHeaders, startEchoServer, USERS, type EchoServer } from './testing/soap-test.harness';

/** A store that answers later, like a database (in memory here: the kit's contract is what is tested). */
class SlowStore implements NonceStore {
  readonly seen = new Set<string>();
  failing = false;

  async checkAndRemember(key: string): Promise<RememberResult> {
    await new Promise((r) => setTimeout(r, 5));
    if (this.failing) throw new Error('database unreachable');
    if (this.seen.has(key)) return 'replay';
    this.seen.add(key);
    return 'fresh';
  }
}

const lookup = (u: string) => (Object.prototype.hasOwnProperty.call(USERS, u) ? USERS[u] : undefined);

describe('an asynchronous (durable) nonce store shared by SOAP and the HTTP header scheme', () => {
  const store = new SlowStore();
  let srv: EchoServer;

  beforeAll(async () => {
    srv = await startEchoServer({ replayCache: store });
  });

  afterAll(async () => srv.close());

  it('SOAP waits for the store: accepted once, then 1001', async () => {
    const body = envelope('1.1', echoBody('once'), securityHeader({ nonce: 'AAECAwQFBgcICQoLDA0ODw==' }));
    const first = await rawRequest(srv.url, body, soapHeaders('1.1'));
    expect(first.status).toBe(200);
    expect(first.body).toContain('EchoResponse');
    const again = await rawRequest(srv.url, body, soapHeaders('1.1'));
    expect(again.status).toBe(500);
    expect(faultDetail(again.body).code).toBe('1001');
  });

  it('a nonce spent over HTTP headers is refused over SOAP (one store), and the other way round', async () => {
    const h = buildDigestHeaders('alice', USERS.alice);
    const headers = { 'x-ws-username': h['X-Ws-Username'], 'x-ws-nonce': h['X-Ws-Nonce'], 'x-ws-created': h['X-Ws-Created'], 'x-ws-digest': h['X-Ws-Digest'] };
    await expect(verifyDigest(readDigestHeaders(headers), lookup, store)).resolves.toEqual({ ok: true, username: 'alice' });
    const soap = await rawRequest(
      srv.url,
      envelope('1.1', echoBody(), securityHeader({ nonce: h['X-Ws-Nonce'], created: h['X-Ws-Created'] })),
      soapHeaders('1.1'),
    );
    expect(faultDetail(soap.body).code).toBe('1001');

    const created = new Date().toISOString();
    const nonce = 'EBESExQVFhcYGRobHB0eHw==';
    expect((await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ nonce, created })), soapHeaders('1.1'))).status).toBe(200);
    await expect(
      verifyDigest({ username: 'alice', nonce, created, digest: computePasswordDigest(nonce, created, USERS.alice) }, lookup, store),
    ).resolves.toEqual({ ok: false, reason: 'replay' });
  });

  it('a failing store never lets a call through: SOAP 5000, HTTP a rejected promise', async () => {
    store.failing = true;
    try {
      const res = await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader()), soapHeaders('1.1'));
      expect(res.status).toBe(500);
      expect(faultDetail(res.body).code).toBe('5000');
      const h = buildDigestHeaders('alice', USERS.alice);
      await expect(
        verifyDigest({ username: 'alice', nonce: h['X-Ws-Nonce'], created: h['X-Ws-Created'], digest: h['X-Ws-Digest'] }, lookup, store),
      ).rejects.toThrow('database unreachable');
    } finally {
      store.failing = false;
    }
  });

  it('checks the password before the store: a wrong password spends nothing', async () => {
    const before = store.seen.size;
    const res = await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ password: 'wrong' })), soapHeaders('1.1'));
    expect(faultDetail(res.body).code).toBe('1001');
    expect(store.seen.size).toBe(before);
  });
});
