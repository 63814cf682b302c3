import { gzipSync } from 'node:zlib';
import { SoapKitClient } from './soap-kit.client';
import {
  ECHO_NS,
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

const LEAK_RE = /\bat \S+ \(|\.ts:\d|\.js:\d|node_modules|\/srv\/|hunter2|Error:|TypeError|Cannot read/;

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

// After EACH attack the next valid call (both SOAP versions) must still succeed.
afterEach(async () => {
  await expect(client.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'alive', count: 1 })).resolves.toEqual({ text: 'alive', count: 1 });
  await expect(client.call('EchoService', 'EchoSoap12Port', 'Echo', { text: 'alive', count: 2 })).resolves.toEqual({ text: 'alive', count: 2 });
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).obj).toBeUndefined();
});

function expectKitFault(res: { status: number; body: string; headers: Record<string, unknown> }, code: string, status: number, version: '1.1' | '1.2' = '1.1') {
  expect({ status: res.status, code: faultDetail(res.body).code }).toEqual({ status, code });
  expect(String(res.headers['content-type'])).toMatch(version === '1.2' ? /^application\/soap\+xml/ : /^text\/xml/);
  expect(res.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><soap:Envelope /);
  expect(res.body).not.toMatch(LEAK_RE);
}

describe('DTD based attacks are refused before node-soap parses anything', () => {
  it('XXE (external entity) → 1003', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      envelope('1.1', echoBody('&xxe;')).replace('<?xml version="1.0" encoding="utf-8"?>', '');
    const res = await rawRequest(srv.url, xml, soapHeaders('1.1'));
    expectKitFault(res, '1004', 500);
    expect(res.body).not.toContain('root:');
  });

  it('billion laughs → 1003, answered fast', async () => {
    const ents = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!doctype lolz [${ents.join('')}]>` + envelope('1.2', echoBody('&lol9;')).replace(/^<\?xml[^>]*\?>/, '');
    const started = Date.now();
    const res = await rawRequest(srv.url, xml, soapHeaders('1.2'));
    expectKitFault(res, '1004', 500, '1.2');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('DTD hidden in a CDATA section that node-soap would re-parse → 1003', async () => {
    const inner = '<?xml version="1.0"?><!DocType x [<!ENTITY a "b">]><x>&a;</x>';
    const res = await rawRequest(srv.url, envelope('1.1', echoBody(`<![CDATA[${inner}]]>`)), soapHeaders('1.1'));
    expectKitFault(res, '1004', 500);
  });
});

describe('body size and content encoding', () => {
  it('body labelled gzip that is not gzip → clean 400 Fault', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody()), soapHeaders('1.1', { 'Content-Encoding': 'gzip' }));
    expectKitFault(res, '1004', 400);
  });

  it('gzip bomb (50 MB of zeros) → 413 without inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const res = await rawRequest(srv.url, bomb, soapHeaders('1.2', { 'Content-Encoding': 'gzip' }));
    expectKitFault(res, '1005', 413, '1.2');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40 * 1024 * 1024);
  });

  it('deflate bomb → 413', async () => {
    const { deflateSync } = await import('node:zlib');
    const res = await rawRequest(srv.url, deflateSync(Buffer.alloc(20 * 1024 * 1024)), soapHeaders('1.1', { 'Content-Encoding': 'deflate' }));
    expectKitFault(res, '1005', 413);
  });

  it('20 MB body → 413 (declared length)', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x41);
    const res = await rawRequest(srv.url, big, soapHeaders('1.1'));
    expectKitFault(res, '1005', 413);
  });

  it('20 MB chunked body (no Content-Length) → 413', async () => {
    const http = await import('node:http');
    const res = await new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = http.request(srv.url, { method: 'POST', headers: { ...soapHeaders('1.1'), 'Transfer-Encoding': 'chunked' }, agent: false }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x42);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expectKitFault(res, '1005', 413);
  });

  it.each([['br'], ['compress'], ['gzip, gzip'], ['x-unknown']])('Content-Encoding %s → 415', async (enc) => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody()), soapHeaders('1.1', { 'Content-Encoding': enc }));
    expectKitFault(res, '1006', 415);
  });

  it.each([['application/json'], ['text/html'], ['text/xml; charset=utf-16']])('Content-Type %s → 415', async (ct) => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody()), { 'Content-Type': ct });
    expectKitFault(res, '1006', 415);
  });

  it('empty body → Fault (node-soap would otherwise wait forever on the drained stream)', async () => {
    const res = await rawRequest(srv.url, '', soapHeaders('1.1'));
    expectKitFault(res, '1004', 500);
  });
});

describe('prototype-pollution payloads are harmless', () => {
  it.each([
    ['id="__proto__" attribute', echoBody('x', 1, ' id="__proto__"')],
    ['id="constructor" attribute', echoBody('x', 1, ' id="constructor"')],
    ['href="#__proto__" attribute', echoBody('x', 1, ' href="#__proto__"')],
    ['entity-encoded id', echoBody('x', 1, ' id="&#95;&#x5F;proto&#95;_"')],
    ['<__proto__> element', `<t:Echo xmlns:t="${ECHO_NS}"><__proto__><polluted>yes</polluted></__proto__><t:text>x</t:text><t:count>1</t:count></t:Echo>`],
    ['<t:constructor> element', `<t:Echo xmlns:t="${ECHO_NS}"><t:constructor>1</t:constructor><t:text>x</t:text><t:count>1</t:count></t:Echo>`],
    ['id="__proto__" hidden after a ">" inside another attribute', echoBody('x', 1, ' a=">" id="__proto__"')],
  ])('%s → rejected with 1002', async (_name, body) => {
    const res = await rawRequest(srv.url, envelope('1.1', body), soapHeaders('1.1'));
    expectKitFault(res, '1004', 500);
  });

  it('id="__proto__" in the Security header (parsed before authentication) → rejected', async () => {
    const header = securityHeader().replace('<wsse:UsernameToken>', '<wsse:UsernameToken id="__proto__">');
    const res = await rawRequest(srv.url, envelope('1.2', echoBody(), header), soapHeaders('1.2'));
    expectKitFault(res, '1004', 500, '1.2');
  });
});

describe('handler failures', () => {
  it('plain Error → 5000, nothing leaked, stack logged under the same error id', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody('throw')), soapHeaders('1.1'));
    expectKitFault(res, '5000', 500);
    expect(res.body).toContain('<faultstring>内部错误 (5000)</faultstring>');
    const { errorId } = faultDetail(res.body);
    const logged = srv.logger.entries.find((e) => e.meta?.errorId === errorId);
    expect(logged?.level).toBe('error');
    expect(String(logged?.meta?.stack)).toContain('hunter2');
  });

  it('SoapFault → its own code and side', async () => {
    const res = await rawRequest(srv.url, envelope('1.2', echoBody('fault')), soapHeaders('1.2'));
    expectKitFault(res, '2001', 500, '1.2');
    expect(res.body).toContain('业务校验失败 (2001)');
    expect(res.body).toContain('soap:Sender');
  });

  it('hanging handler → 5002 "处理超时" right after the handler timeout (400 ms here)', async () => {
    const started = Date.now();
    const res = await rawRequest(srv.url, envelope('1.1', echoBody('hang')), soapHeaders('1.1'));
    const elapsed = Date.now() - started;
    expectKitFault(res, '5002', 500);
    expect(res.body).toContain('处理超时 (5002)');
    expect(res.body).toContain('soap:Server');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(3_000);
    expect(srv.contexts[srv.contexts.length - 1].signal?.aborted).toBe(true);
  });
});

describe('malformed SOAP', () => {
  it.each([
    ['broken XML', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><a></b></soap:Body>'],
    ['not XML at all', 'hello world'],
    ['empty Body', envelope('1.1', '')],
    ['SOAP Fault as request', envelope('1.1', '<soap:Fault><faultcode>x</faultcode></soap:Fault>')],
    ['unterminated attribute', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/><x/>'],
  ])('%s → kit Fault, no internals', async (_name, body) => {
    const res = await rawRequest(srv.url, body, { 'Content-Type': 'text/xml; charset=utf-8' });
    expect(res.status).toBe(500);
    expect(['1001', '1004']).toContain(faultDetail(res.body).code);
    expect(res.body).not.toMatch(LEAK_RE);
  });

  it('unknown SOAPAction with a valid body → 1008 不支持的操作', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody()), soapHeaders('1.1', { SOAPAction: '"urn:nope"' }));
    expectKitFault(res, '1008', 500);
  });

  it.each([['1.1' as const], ['1.2' as const]])('unknown operation element (SOAP %s) from an authenticated caller → 1008, not 1004', async (v) => {
    const headers = v === '1.1' ? { 'Content-Type': 'text/xml; charset=utf-8' } : { 'Content-Type': 'application/soap+xml; charset=utf-8' };
    const res = await rawRequest(srv.url, envelope(v, `<t:Nope xmlns:t="${ECHO_NS}"/>`), headers);
    expectKitFault(res, '1008', 500, v);
    expect(res.body).not.toMatch(LEAK_RE);
  });

  it('unknown SOAPAction from an unauthenticated caller → 1001 first', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', echoBody(), null), soapHeaders('1.1', { SOAPAction: '"urn:nope"' }));
    expectKitFault(res, '1001', 500);
  });

  it('a Body element the WSDL does not describe → 1008 even before authentication (node-soap cannot parse it)', async () => {
    const res = await rawRequest(srv.url, envelope('1.1', `<t:Nope xmlns:t="${ECHO_NS}"/>`, null), { 'Content-Type': 'text/xml; charset=utf-8' });
    expectKitFault(res, '1008', 500);
  });
});
