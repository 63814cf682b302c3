import { gzipSync } from 'node:zlib';
import { SoapCallError } from './soap-call.error';
import { SoapKitClient } from './soap-kit.client';
import {
  ECHO_WSDL_PATH,
  echoBody,
  envelope,
  faultDetail,
  rawRequest,
  securityHeader,
  soapHeaders,
  startEchoServer,
  USERS,
  type EchoServer,
} from './testing/soap-test.harness';

const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let srv: EchoServer;
let client: SoapKitClient;

beforeAll(async () => {
  srv = await startEchoServer();
  client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: srv.url, username: 'alice', password: USERS.alice, defaultTimeoutMs: 5_000 });
});

afterAll(async () => {
  client.close();
  await srv.close();
});

async function expectValidCall(version: '1.1' | '1.2' = '1.1'): Promise<void> {
  const port = version === '1.2' ? 'EchoSoap12Port' : 'EchoSoap11Port';
  await expect(client.call('EchoService', port, 'Echo', { text: 'still alive', count: 7 })).resolves.toEqual({ text: 'still alive', count: 7 });
}

/** Asserts a kit Fault: status, content type, envelope namespace, fault code/subcode, detail. */
function expectFault(res: { status: number; headers: Record<string, unknown>; body: string }, version: '1.1' | '1.2', code: string, status = 500): string {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(version === '1.2' ? /^application\/soap\+xml/ : /^text\/xml/);
  expect(res.body).toContain(`xmlns:soap="${version === '1.2' ? SOAP12_NS : SOAP11_NS}"`);
  expect(res.body).toContain('xmlns:ex="urn:gov-exchange:fault:v1"');
  const detail = faultDetail(res.body);
  expect(detail.code).toBe(code);
  expect(detail.errorId).toMatch(UUID_RE);
  expect(res.body).toContain(`(${code})`);
  // never internals
  expect(res.body).not.toMatch(/\bat \S+ \(|\.ts:\d|\.js:\d|node_modules|\/srv\/|Error:/);
  return detail.errorId as string;
}

describe('valid calls through the kit client', () => {
  it.each(['1.1', '1.2'] as const)('SOAP %s port answers and the handler sees the authenticated user', async (version) => {
    const port = version === '1.2' ? 'EchoSoap12Port' : 'EchoSoap11Port';
    const before = srv.contexts.length;
    const result = await client.call('EchoService', port, 'Echo', { text: '你好 & <ok>', count: 42 }, { correlationId: `cid-${version}` });
    expect(result).toEqual({ text: '你好 & <ok>', count: 42 });
    const ctx = srv.contexts[before];
    expect(ctx.username).toBe('alice');
    expect(ctx.soapVersion).toBe(version);
    expect(ctx.correlationId).toBe(`cid-${version}`);
  });

  it.each(['1.1', '1.2'] as const)('raw SOAP %s success uses the request version envelope and content type', async (version) => {
    const res = await rawRequest(srv.url, envelope(version, echoBody('x', 1)), soapHeaders(version, { 'X-Correlation-Id': 'abc.DEF_1-2' }));
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(version === '1.2' ? /^application\/soap\+xml/ : /^text\/xml/);
    expect(res.body).toContain(`xmlns:soap="${version === '1.2' ? SOAP12_NS : SOAP11_NS}"`);
    expect(res.body).toContain('EchoResponse');
    expect(res.headers['x-correlation-id']).toBe('abc.DEF_1-2');
  });

  it('replaces a malformed correlation id with a UUID', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody()), soapHeaders('1.1', { 'X-Correlation-Id': 'bad id;<script>' }));
    expect(res.status).toBe(200);
    expect(res.headers['x-correlation-id']).toMatch(UUID_RE);
  });

  it('accepts gzip-encoded requests (inflated under the limit)', async () => {
    const res = await rawRequest(srv.url, gzipSync(envelope('1.1', echoBody('zipped', 2))), soapHeaders('1.1', { 'Content-Encoding': 'gzip' }));
    expect(res.status).toBe(200);
    expect(res.body).toContain('zipped');
  });

  it('serves the WSDL at ?wsdl and refuses other GETs / methods politely', async () => {
    const wsdl = await rawRequest(`${srv.url}?wsdl`, '', {}, 'GET');
    expect(wsdl.status).toBe(200);
    expect(wsdl.body).toContain('EchoSoap12Binding');
    const get = await rawRequest(srv.url, '', {}, 'GET');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('GET, POST');
    const put = await rawRequest(srv.url, 'x', { 'Content-Type': 'text/xml' }, 'PUT');
    expect(put.status).toBe(405);
    await expectValidCall();
  });
});

describe('faults have the request SOAP version', () => {
  it('SOAP 1.1 fault: text/xml, 1.1 namespace, faultcode soap:Client, faultstring, detail', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ password: 'wrong' })), soapHeaders('1.1'));
    expectFault(res, '1.1', '1001');
    expect(res.body).toContain('<faultcode>soap:Client</faultcode>');
    expect(res.body).toContain('<faultstring>认证失败 (1001)</faultstring>');
    expect(res.body).toMatch(/<detail><ex:code>1001<\/ex:code><ex:errorId>[^<]+<\/ex:errorId><\/detail>/);
  });

  it('SOAP 1.2 fault: application/soap+xml, 1.2 namespace, Code/Value soap:Sender, Reason/Text zh-CN, Detail', async () => {
    const res = await rawRequest(srv.url, envelope('1.2', echoBody(), securityHeader({ password: 'wrong' })), soapHeaders('1.2'));
    expectFault(res, '1.2', '1001');
    expect(res.body).toContain('<soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code>');
    expect(res.body).toContain('<soap:Reason><soap:Text xml:lang="zh-CN">认证失败 (1001)</soap:Text></soap:Reason>');
    expect(res.body).toMatch(/<soap:Detail><ex:code>1001<\/ex:code><ex:errorId>[^<]+<\/ex:errorId><\/soap:Detail>/);
  });

  it('falls back to the envelope namespace when Content-Type is application/xml', async () => {
    const res = await rawRequest(srv.url, envelope('1.2', echoBody(), null), { 'Content-Type': 'application/xml' });
    expectFault(res, '1.2', '1001');
  });

  it('server-side faults use soap:Server / soap:Receiver', async () => {
    const r11 = await rawRequest(srv.url, envelope('1.1', echoBody('throw')), soapHeaders('1.1'));
    expect(r11.body).toContain('<faultcode>soap:Server</faultcode>');
    const r12 = await rawRequest(srv.url, envelope('1.2', echoBody('throw')), soapHeaders('1.2'));
    expect(r12.body).toContain('<soap:Value>soap:Receiver</soap:Value>');
  });
});

describe('authentication (WS-Security UsernameToken PasswordDigest)', () => {
  afterEach(() => expectValidCall());

  it('wrong password → 1001 through the kit client', async () => {
    const bad = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: srv.url, username: 'alice', password: 'nope' });
    try {
      const err = await bad.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SoapCallError);
      expect(err).toMatchObject({ kind: 'fault', code: '1001', httpStatus: 500, faultCode: 'soap:Client' });
      const err12 = await bad.call('EchoService', 'EchoSoap12Port', 'Echo', { text: 'a', count: 1 }).catch((e: unknown) => e);
      expect(err12).toMatchObject({ kind: 'fault', code: '1001', faultCode: 'soap:Sender' });
    } finally {
      bad.close();
    }
  });

  it('unknown user → 1001', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ username: 'mallory', password: 'x' })), soapHeaders('1.1'));
    expectFault(res, '1.1', '1001');
  });

  it('missing security header → 1001', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody(), null), soapHeaders('1.1'));
    expectFault(res, '1.1', '1001');
  });

  it('replayed nonce → 1001 (also when the nonce is re-spelled as non-canonical base64)', async () => {
    const created = new Date().toISOString();
    const nonce = 'AAECAwQFBgcICQoLDA0ODw=='; // 16 bytes
    const body = envelope('1.1', echoBody(), securityHeader({ nonce, created }));
    expect((await rawRequest(srv.url, body, soapHeaders('1.1'))).status).toBe(200);
    expectFault(await rawRequest(srv.url, body, soapHeaders('1.1')), '1.1', '1001');
    // 'Dx==' decodes to the same byte as 'Dw==' — still the same nonce
    const respelled = envelope('1.1', echoBody(), securityHeader({ nonce: 'AAECAwQFBgcICQoLDA0ODx==', created }));
    expectFault(await rawRequest(srv.url, respelled, soapHeaders('1.1')), '1.1', '1001');
  });

  it('stale or future Created (> 5 min) → 1001', async () => {
    const stale = new Date(Date.now() - 6 * 60_000).toISOString();
    expectFault(await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ created: stale })), soapHeaders('1.1')), '1.1', '1001');
    const future = new Date(Date.now() + 6 * 60_000).toISOString();
    expectFault(await rawRequest(srv.url, envelope('1.2', echoBody(), securityHeader({ created: future })), soapHeaders('1.2')), '1.2', '1001');
  });

  it('PasswordText is refused unless allowPasswordText', async () => {
    expectFault(await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ mode: 'text' })), soapHeaders('1.1')), '1.1', '1001');
    expectFault(await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ mode: 'no-type' })), soapHeaders('1.1')), '1.1', '1001');
    const lenient = await startEchoServer({ allowPasswordText: true });
    try {
      expect((await rawRequest(lenient.url, envelope('1.1', echoBody(), securityHeader({ mode: 'text' })), soapHeaders('1.1'))).status).toBe(200);
      expectFault(
        await rawRequest(lenient.url, envelope('1.1', echoBody(), securityHeader({ mode: 'text', password: 'x' })), soapHeaders('1.1')),
        '1.1',
        '1001',
      );
    } finally {
      await lenient.close();
    }
  });

  it('logs why authentication failed without echoing secrets', async () => {
    await rawRequest(srv.url, envelope('1.1', echoBody(), securityHeader({ password: 'wrong-pw-123' })), soapHeaders('1.1'));
    const entry = srv.logger.entries.filter((e) => e.meta?.code === '1001').pop();
    expect(entry?.meta?.reason).toBe('authentication failed: bad-password');
    expect(JSON.stringify(srv.logger.entries)).not.toContain('wrong-pw-123');
  });
});

describe('numbers of the message', () => {
  it('reads xs:int as a plain decimal integer only ("1e3" is not 1, "12abc" not 12)', async () => {
    const seen: unknown[] = [];
    const srv = await startEchoServer({
      handlers: {
        Echo: (args: { count?: unknown }) => {
          seen.push(args.count);
          return Promise.resolve({ text: 'ok', count: 1 });
        },
      },
    });
    try {
      for (const c of ['42', '1e3', '12abc', '1.9', '+7', '0x10']) {
        const res = await rawRequest(srv.url, envelope('1.1', echoBody('x', c as unknown as number)), soapHeaders('1.1'));
        expect(res.status).toBe(200);
      }
      expect(seen).toEqual([42, '1e3', '12abc', '1.9', 7, '0x10']);
    } finally {
      await srv.close();
    }
  });
});
