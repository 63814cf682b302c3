import { gzipSync } from 'node:zlib';
import { ExchangeEnv } from './support/exchange-env';
import { envelope, notifyBody, postSoap, RawReply, usernameToken } from './support/soap-raw';

/**
 * The platform's NotifyCallback endpoint under hostile input. Every case must be refused
 * with a proper Fault (or 4xx) carrying our return code, leak no stack or path, and leave
 * the server answering the next valid call.
 */
describe('SOAP callback endpoint hardening', () => {
  let env: ExchangeEnv;
  let url: string;
  let amr: { username: string; password: string };
  const item = { applyNo: '410404-20261122-999999', version: 1, stage: 'ACCEPT' };

  const valid = (version: '1.1' | '1.2' = '1.1') =>
    postSoap(url, envelope(notifyBody('AMR', [item]), usernameToken(amr.username, amr.password), version), { version });

  async function expectStillServing(): Promise<void> {
    const r = await valid();
    expect(r.status).toBe(200);
    // an application the platform never registered: a business answer, not a Fault
    expect(r.body).toContain('<code>2001</code>');
  }

  function expectFault(r: RawReply, status: number, code: string): void {
    expect({ status: r.status, code: r.code }).toEqual({ status, code });
    expect(r.body).toMatch(/Fault/);
    expect(r.body).not.toMatch(/at [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+/);
  }

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    url = `${env.platformUrl}/ws/exchange/callback`;
    amr = env.dept('AMR').deptCredential;
  });

  afterAll(async () => env?.close());

  it('answers a valid call over SOAP 1.1 and 1.2', async () => {
    const v11 = await valid('1.1');
    expect(v11.status).toBe(200);
    expect(v11.contentType).toMatch(/text\/xml/);
    const v12 = await valid('1.2');
    expect(v12.status).toBe(200);
    expect(v12.contentType).toMatch(/application\/soap\+xml/);
    expect(v12.body).toContain('http://www.w3.org/2003/05/soap-envelope');
  });

  it('serves the WSDL with its published address', async () => {
    const res = await fetch(`${url}?wsdl`);
    expect(res.status).toBe(200);
    const wsdl = await res.text();
    expect(wsdl).toContain('CallbackNotificationServiceSoap12');
    expect(wsdl).toContain(`${env.platformUrl}/ws/exchange/callback`);
  });

  it('refuses missing, wrong and replayed credentials', async () => {
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [item]))), 500, '1001');
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [item]), usernameToken(amr.username, 'wrong-password'))), 500, '1001');
    const once = envelope(notifyBody('AMR', [item]), usernameToken(amr.username, amr.password));
    expect((await postSoap(url, once)).status).toBe(200);
    expectFault(await postSoap(url, once), 500, '1001');
    await expectStillServing();
  });

  it("refuses a department notifying for another department's code", async () => {
    expectFault(await postSoap(url, envelope(notifyBody('PSB', [item]), usernameToken(amr.username, amr.password))), 500, '2004');
    await expectStillServing();
  });

  it('refuses XXE and billion laughs before parsing', async () => {
    const xxe =
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
      envelope(notifyBody('AMR', [{ ...item, applyNo: '&x;' }]), usernameToken(amr.username, amr.password)).replace(/^<\?xml[^>]*>/, '');
    const r1 = await postSoap(url, xxe);
    expectFault(r1, 500, '1004');
    expect(r1.body).not.toContain('root:');
    const lol = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><r>&g;</r>`;
    expectFault(await postSoap(url, lol), 500, '1004');
    await expectStillServing();
  });

  it('refuses a body labelled gzip that is not, and a gzip bomb', async () => {
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [item])), { headers: { 'content-encoding': 'gzip' } }), 400, '1004');
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200 * 1024);
    expectFault(await postSoap(url, bomb, { headers: { 'content-encoding': 'gzip' } }), 413, '1005');
    await expectStillServing();
  });

  it('accepts a genuinely gzipped valid call', async () => {
    const r = await postSoap(url, gzipSync(Buffer.from(envelope(notifyBody('AMR', [item]), usernameToken(amr.username, amr.password)))), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(r.status).toBe(200);
  });

  it('refuses a 20 MB body', async () => {
    const big = envelope(`<cb:NotifyCallbackRequest><cb:deptCode>${'A'.repeat(20 * 1024 * 1024)}</cb:deptCode></cb:NotifyCallbackRequest>`);
    const r = await postSoap(url, big).catch((e: Error) => ({ status: -1, body: e.message, contentType: '', code: undefined }) as RawReply);
    // either a 413 Fault, or the connection closed on us once the limit was hit
    if (r.status !== -1) expectFault(r, 413, '1005');
    await expectStillServing();
  });

  it('is not polluted by __proto__ in the payload', async () => {
    const proto = envelope(
      `<cb:NotifyCallbackRequest id="__proto__"><cb:deptCode>AMR</cb:deptCode><__proto__><polluted>yes</polluted></__proto__><cb:item id="__proto__"><cb:applyNo>${item.applyNo}</cb:applyNo><cb:version>1</cb:version><cb:stage>ACCEPT</cb:stage></cb:item></cb:NotifyCallbackRequest>`,
      usernameToken(amr.username, amr.password),
    );
    const r = await postSoap(url, proto);
    expect(r.status).toBeLessThan(600);
    expect(r.body).not.toMatch(/node_modules|\/work\//);
    await expectStillServing();
    await expectStillServing();
  });

  it('refuses wrong types and missing arguments with their own codes', async () => {
    const tok = () => usernameToken(amr.username, amr.password);
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [{ ...item, version: 'abc' }]), tok())), 500, '1003');
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [{ ...item, stage: 'APPROVE' }]), tok())), 500, '1003');
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [{ ...item, applyNo: "1' OR '1'='1" }]), tok())), 500, '1003');
    expectFault(await postSoap(url, envelope('<cb:NotifyCallbackRequest><cb:deptCode>AMR</cb:deptCode></cb:NotifyCallbackRequest>', tok())), 500, '1002');
    expectFault(
      await postSoap(
        url,
        envelope(
          `<cb:NotifyCallbackRequest><cb:item><cb:applyNo>${item.applyNo}</cb:applyNo><cb:version>1</cb:version><cb:stage>ACCEPT</cb:stage></cb:item></cb:NotifyCallbackRequest>`,
          tok(),
        ),
      ),
      500,
      '1002',
    );
    expectFault(await postSoap(url, envelope(notifyBody('AMR', [{ ...item, applyNo: '' }]), tok())), 500, '1002');
    expectFault(await postSoap(url, '<not-soap/>'), 500, '1004');
    // a version is a plain decimal integer: node-soap's parseInt would have read these as 1, 1 and 12
    for (const version of ['1e3', '1.9', '12abc', '0x10'])
      expectFault(await postSoap(url, envelope(notifyBody('AMR', [{ ...item, version }]), tok())), 500, '1003');
    await expectStillServing();
  });

  it('answers an operation the WSDL does not offer with 1008, by SOAPAction or by Body element', async () => {
    const tok = () => usernameToken(amr.username, amr.password);
    expectFault(
      await postSoap(url, envelope(notifyBody('AMR', [item]), tok()), { headers: { soapaction: '"urn:gov-exchange:callback:v1/DeleteEverything"' } }),
      500,
      '1008',
    );
    expectFault(
      await postSoap(url, envelope('<cb:DeleteEverythingRequest><cb:deptCode>AMR</cb:deptCode></cb:DeleteEverythingRequest>', tok()), {
        headers: { soapaction: '' },
      }),
      500,
      '1008',
    );
    expectFault(
      await postSoap(url, envelope('<cb:DeleteEverythingRequest/>', tok(), '1.2'), {
        version: '1.2',
        headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      }),
      500,
      '1008',
    );
    await expectStillServing();
  });

  it('answers SOAP 1.2 faults in the 1.2 envelope', async () => {
    const r = await postSoap(url, envelope(notifyBody('AMR', [item]), '', '1.2'), { version: '1.2' });
    expect(r.contentType).toMatch(/application\/soap\+xml/);
    expect(r.body).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(r.body).toMatch(/Sender/);
    expect(r.code).toBe('1001');
  });
});
