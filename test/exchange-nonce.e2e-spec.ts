import { computePasswordDigest, SqlNonceStore } from '@app/soap-kit';
import { createPool } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { freePort, testDb } from './support/env';
import { ExchangeEnv } from './support/exchange-env';
import { RunningApp } from './support/processes';

jest.setTimeout(240_000);

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

/** One UsernameToken (PasswordDigest): the same four values can travel as a SOAP header or as X-Ws-* headers. */
interface Token {
  username: string;
  nonce: string;
  created: string;
  digest: string;
}

function token(c: { username: string; password: string }): Token {
  const nonce = randomBytes(16).toString('base64');
  const created = new Date().toISOString();
  return { username: c.username, nonce, created, digest: computePasswordDigest(nonce, created, c.password) };
}

const soapHeader = (t: Token) =>
  `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken><wsse:Username>${t.username}</wsse:Username><wsse:Password Type="${DIGEST}">${t.digest}</wsse:Password><wsse:Nonce>${t.nonce}</wsse:Nonce><wsu:Created>${t.created}</wsu:Created></wsse:UsernameToken></wsse:Security>`;
const httpHeaders = (t: Token) => ({ 'x-ws-username': t.username, 'x-ws-nonce': t.nonce, 'x-ws-created': t.created, 'x-ws-digest': t.digest });

const APPLY_NO = '410404-20261122-999999';

/** The code of a SOAP answer: the Fault's, or the first per-item code of a normal answer. */
async function soapCall(url: string, ns: 'callback' | 'acceptance', op: string, body: string, t: Token): Promise<{ status: number; code: string | undefined }> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="urn:gov-exchange:${ns}:v1"><soap:Header>${soapHeader(t)}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"urn:gov-exchange:${ns}:v1/${op}"` },
    body: xml,
  });
  const text = await res.text();
  return { status: res.status, code: /<(?:\w+:)?code>(\d{4})<\/(?:\w+:)?code>/.exec(text)?.[1] };
}

async function httpCall(url: string, body: unknown, t: Token): Promise<{ status: number; code: string | undefined }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...httpHeaders(t) }, body: JSON.stringify(body) });
  const json = (await res.json()) as { code?: string; results?: { code: string }[] };
  return { status: res.status, code: json.results?.[0]?.code ?? json.code };
}

/**
 * A WS-Security token is single-use across transports and replicas: one durable nonce store (a table
 * with a unique key) behind the SOAP service and its HTTP/JSON twin, on the platform and at the departments.
 */
describe('WS-Security nonces: one durable store for SOAP and HTTP/JSON, shared by replicas', () => {
  let env: ExchangeEnv;
  let replica: RunningApp;
  let replicaUrl: string;

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startDeptSim();
    await env.startPlatform();
    const port = await freePort();
    replica = await env.startPlatform({}, port);
    replicaUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await replica?.stop();
    await env?.close();
  });

  describe('platform: NotifyCallback (SOAP) and callback-notifications (HTTP/JSON)', () => {
    const amr = () => env.dept('AMR').deptCredential;
    const soap = (base: string, t: Token) =>
      soapCall(
        `${base}/ws/exchange/callback`,
        'callback',
        'NotifyCallback',
        `<x:NotifyCallbackRequest><x:deptCode>AMR</x:deptCode><x:item><x:applyNo>${APPLY_NO}</x:applyNo><x:version>1</x:version><x:stage>ACCEPT</x:stage></x:item></x:NotifyCallbackRequest>`,
        t,
      );
    const http = (base: string, t: Token) =>
      httpCall(`${base}/api/exchange/v1/callback-notifications`, { deptCode: 'AMR', items: [{ applyNo: APPLY_NO, version: 1, stage: 'ACCEPT' }] }, t);
    // an authenticated call about an application the platform never registered answers 2001 per item
    const accepted = { status: 200, code: '2001' };

    it('a token spent on SOAP is refused on HTTP/JSON, and the other way round', async () => {
      const t1 = token(amr());
      expect(await soap(env.platformUrl, t1)).toEqual(accepted);
      expect(await http(env.platformUrl, t1)).toEqual({ status: 401, code: '1001' });
      const t2 = token(amr());
      expect(await http(env.platformUrl, t2)).toEqual(accepted);
      expect(await soap(env.platformUrl, t2)).toEqual({ status: 500, code: '1001' });
    });

    it('a token spent at one replica is refused at the other, on either transport', async () => {
      const t = token(amr());
      expect(await soap(env.platformUrl, t)).toEqual(accepted);
      expect(await soap(replicaUrl, t)).toEqual({ status: 500, code: '1001' });
      expect(await http(replicaUrl, t)).toEqual({ status: 401, code: '1001' });
      const u = token(amr());
      expect(await http(replicaUrl, u)).toEqual(accepted);
      expect(await http(env.platformUrl, u)).toEqual({ status: 401, code: '1001' });
    });

    it('a token spent before a restart is refused after it', async () => {
      const t = token(amr());
      expect(await http(env.platformUrl, t)).toEqual(accepted);
      await env.platform!.stop();
      await env.startPlatform();
      expect(await soap(env.platformUrl, t)).toEqual({ status: 500, code: '1001' });
      expect((await env.platformQuery<{ n: number }>('SELECT COUNT(*) AS n FROM ws_nonce'))[0].n).toBeGreaterThanOrEqual(5);
    });

    it('a wrong password burns no nonce: the right token with that nonce still passes once', async () => {
      const good = token(amr());
      expect(await http(env.platformUrl, { ...good, digest: computePasswordDigest(good.nonce, good.created, 'wrong') })).toEqual({ status: 401, code: '1001' });
      expect(await http(env.platformUrl, good)).toEqual(accepted);
    });
  });

  describe('department: acceptance and downlink endpoints share the platform credential, and one store', () => {
    const cred = () => env.dept('AMR').platformCredential;
    const base = () => `${env.deptSimUrl}/dept/AMR`;
    const acceptanceSoap = (t: Token) =>
      soapCall(
        `${base()}/ws/acceptance`,
        'acceptance',
        'NotifyAcceptance',
        `<x:NotifyAcceptanceRequest><x:deptCode>AMR</x:deptCode><x:item><x:applyNo>${APPLY_NO}</x:applyNo><x:version>1</x:version></x:item></x:NotifyAcceptanceRequest>`,
        t,
      );
    const acceptanceHttp = (t: Token) => httpCall(`${base()}/api/acceptance-notifications`, { deptCode: 'AMR', items: [{ applyNo: APPLY_NO, version: 1 }] }, t);
    const downlinkHttp = (t: Token, recordId: string) =>
      httpCall(`${base()}/api/downlink`, { recordId, sourceNode: 'NATIONAL-OPS', dataType: 'POLICY_NOTICE', content: { title: '通知' } }, t);

    it('a token spent on the acceptance SOAP service is refused on its HTTP twin and on the downlink intake', async () => {
      const t = token(cred());
      expect((await acceptanceSoap(t)).status).toBe(200);
      expect(await acceptanceHttp(t)).toEqual({ status: 401, code: '1001' });
      expect(await downlinkHttp(t, 'REC-NONCE-1')).toEqual({ status: 401, code: '1001' });
      const u = token(cred());
      expect(await downlinkHttp(u, 'REC-NONCE-2')).toEqual({ status: 200, code: '0000' });
      expect((await acceptanceSoap(u)).code).toBe('1001');
      expect(await acceptanceHttp(u)).toEqual({ status: 401, code: '1001' });
    });
  });

  describe('the store itself, on the real MariaDB', () => {
    it('answers fresh once and replay after, atomically under concurrency, and purges rows past their window', async () => {
      const conn = createPool({ ...testDb(), database: `${env.prefix}ow_platform`, connectionLimit: 8 });
      try {
        const store = new SqlNonceStore(async (sql, params) => (await conn.query(sql, params))[0], { purgeIntervalMs: 0 });
        const key = randomBytes(16).toString('base64');
        const verdicts = await Promise.all(Array.from({ length: 8 }, () => store.checkAndRemember(key, Date.now() + 60_000)));
        expect(verdicts.filter((v) => v === 'fresh')).toHaveLength(1);
        expect(verdicts.filter((v) => v === 'replay')).toHaveLength(7);
        for (let i = 0; i < 12; i++) await store.checkAndRemember(`old-${i}-${key}`, Date.now() - 1000);
        const before = Number(((await conn.query('SELECT COUNT(*) AS n FROM ws_nonce'))[0] as { n: number }[])[0].n);
        expect(await store.purge()).toBe(12);
        const after = Number(((await conn.query('SELECT COUNT(*) AS n FROM ws_nonce'))[0] as { n: number }[])[0].n);
        expect(after).toBe(before - 12);
        expect(await store.checkAndRemember(key, Date.now() + 60_000)).toBe('replay'); // the live one stays
      } finally {
        await conn.end();
      }
    });
  });
});
