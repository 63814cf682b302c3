import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import { SoapCallError } from './soap-call.error';
import { SoapKitClient } from './soap-kit.client';
import { ECHO_WSDL_PATH, startEchoServer, USERS, type EchoServer } from './testing/soap-test.harness';

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ws/echo` };
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('SoapKitClient', () => {
  let srv: EchoServer;
  beforeAll(async () => {
    srv = await startEchoServer();
  });
  afterAll(() => srv.close());

  it('reads the SOAP version of every port from the WSDL', async () => {
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: srv.url, username: 'alice', password: USERS.alice });
    expect([...client.ports()]).toEqual([
      ['EchoService/EchoSoap11Port', '1.1'],
      ['EchoService/EchoSoap12Port', '1.2'],
    ]);
    client.close();
  });

  it('sends X-Correlation-Id, SOAPAction / action= per version, and WS-Security digest', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const bodies: string[] = [];
    const spy = await listen((req, res) => {
      seen.push(req.headers);
      let b = '';
      req.on('data', (c: Buffer) => (b += c.toString()));
      req.on('end', () => {
        bodies.push(b);
        // forward to the real kit server so the reply is genuine
        const fwd = http.request(srv.url, { method: 'POST', headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 500, r.headers);
          r.pipe(res);
        });
        fwd.end(b);
      });
    });
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: spy.url, username: 'alice', password: USERS.alice });
    try {
      await client.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 }, { correlationId: 'corr-11' });
      await client.call('EchoService', 'EchoSoap12Port', 'Echo', { text: 'b', count: 2 }, { correlationId: 'corr-12' });
      expect(seen[0]['x-correlation-id']).toBe('corr-11');
      expect(seen[0]['content-type']).toMatch(/^text\/xml/);
      expect(seen[0].soapaction).toBe('"urn:gov-exchange:test:echo:v1/Echo"');
      expect(seen[1]['x-correlation-id']).toBe('corr-12');
      expect(seen[1]['content-type']).toMatch(/^application\/soap\+xml; charset=utf-8; action="urn:gov-exchange:test:echo:v1\/Echo"/);
      expect(bodies[0]).toContain('#PasswordDigest');
      expect(bodies[1]).toContain('http://www.w3.org/2003/05/soap-envelope');
      expect(bodies[0]).not.toContain(USERS.alice);
      expect(srv.contexts.slice(-2).map((c) => c.correlationId)).toEqual(['corr-11', 'corr-12']);
    } finally {
      client.close();
      await close(spy.server);
    }
  });

  it('a server that never answers → SoapCallError timeout (outcome unknown), on time', async () => {
    const silent = await listen(() => undefined);
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: silent.url, username: 'alice', password: USERS.alice });
    try {
      const started = Date.now();
      const err = await client
        .call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 }, { timeoutMs: 300, correlationId: 'slow-1' })
        .catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(err).toBeInstanceOf(SoapCallError);
      expect(err).toMatchObject({ kind: 'timeout', correlationId: 'slow-1' });
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      client.close();
      await close(silent.server);
    }
  });

  it('a server that trickles bytes forever still hits the overall deadline', async () => {
    const trickle = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      const t = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(t));
    });
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: trickle.url, username: 'alice', password: USERS.alice });
    try {
      const started = Date.now();
      const err = await client.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 }, { timeoutMs: 400 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.close();
      await close(trickle.server);
    }
  });

  it('connection refused → network; non-SOAP HTTP error → network with httpStatus', async () => {
    const gone = await listen(() => undefined);
    const url = gone.url;
    await close(gone.server);
    const c1 = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: url, username: 'alice', password: USERS.alice });
    await expect(c1.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 })).rejects.toMatchObject({ kind: 'network' });
    c1.close();

    const html = await listen((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>'));
    const c2 = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: html.url, username: 'alice', password: USERS.alice });
    try {
      await expect(c2.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 })).rejects.toMatchObject({ kind: 'network', httpStatus: 502 });
    } finally {
      c2.close();
      await close(html.server);
    }
  });

  it.each([
    ['id="__proto__"', '<text id="__proto__">x</text>'],
    // (a DTD before the Envelope is cut off by node-soap's handleResponse regex; inside CDATA it is re-parsed)
    ['a DTD in a nested CDATA document', '<text><![CDATA[<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>]]></text>'],
  ])('a hostile peer answering with %s is refused before node-soap parses it', async (_name, text) => {
    const body = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><EchoResponse xmlns="urn:gov-exchange:test:echo:v1">${text}<count>1</count></EchoResponse></soap:Body></soap:Envelope>`;
    const hostile = await listen((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(body));
    });
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: hostile.url, username: 'alice', password: USERS.alice });
    try {
      const err = await client.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'a', count: 1 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'network', httpStatus: 200 });
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).obj).toBeUndefined();
    } finally {
      client.close();
      await close(hostile.server);
    }
  });

  it('kit Faults map to kind fault with code, errorId and httpStatus', async () => {
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: srv.url, username: 'alice', password: USERS.alice });
    try {
      const err = (await client.call('EchoService', 'EchoSoap12Port', 'Echo', { text: 'fault', count: 1 }).catch((e: unknown) => e)) as SoapCallError;
      expect(err).toMatchObject({ kind: 'fault', code: '2001', httpStatus: 500, faultCode: 'soap:Sender', faultString: '业务校验失败 (2001)' });
      expect(err.errorId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      client.close();
    }
  });

  it('refuses unknown service/port/operation names and bad correlation ids', async () => {
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: srv.url, username: 'alice', password: USERS.alice });
    try {
      await expect(client.call('EchoService', 'Nope', 'Echo', {})).rejects.toThrow(TypeError);
      await expect(client.call('EchoService', 'EchoSoap11Port', 'toString', {})).rejects.toThrow(TypeError);
      await expect(client.call('wsdl', 'x', 'y', {})).rejects.toThrow(TypeError);
      await expect(client.call('EchoService', 'EchoSoap11Port', 'Echo', {}, { correlationId: 'a b' })).rejects.toThrow(TypeError);
    } finally {
      client.close();
    }
  });
});

/** A canned SOAP server in a child process, so the parent's cpuUsage() is (almost) only client work. */
const CANNED_SERVER = `
const http = require('http');
const reply = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><EchoResponse xmlns="urn:gov-exchange:test:echo:v1"><text>x</text><count>1</count></EchoResponse></soap:Body></soap:Envelope>';
const s = http.createServer((req, res) => {
  if (req.method === 'GET') { res.end(JSON.stringify(process.cpuUsage())); return; }
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }); res.end(reply); });
});
s.keepAliveTimeout = 5000;
s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.address().port) + '\\n'));
`;

describe('client CPU per call (measurement, printed, no assertions on timing)', () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = spawn(process.execPath, ['-e', CANNED_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim())));
    url = `http://127.0.0.1:${port}/ws/echo`;
  });
  afterAll(() => {
    child.kill();
  });

  const serverCpu = () =>
    new Promise<number>((resolve, reject) =>
      http
        .get(url, { agent: false }, (r) => {
          let b = '';
          r.on('data', (c: Buffer) => (b += c.toString()));
          r.on('end', () => {
            const u = JSON.parse(b) as NodeJS.CpuUsage;
            resolve(u.user + u.system);
          });
        })
        .on('error', reject),
    );

  async function measure(keepAlive: boolean, calls: number) {
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: url, username: 'alice', password: USERS.alice, keepAlive });
    try {
      for (let i = 0; i < 30; i++) await client.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'warm', count: i });
      const srvBefore = await serverCpu();
      const before = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) await client.call('EchoService', 'EchoSoap11Port', 'Echo', { text: 'x', count: i });
      const wallNs = Number(process.hrtime.bigint() - t0);
      const cpu = process.cpuUsage(before);
      const srvAfter = await serverCpu();
      return { clientCpuUsPerCall: (cpu.user + cpu.system) / calls, wallMsPerCall: wallNs / 1e6 / calls, serverCpuUsPerCall: (srvAfter - srvBefore) / calls };
    } finally {
      client.close();
    }
  }

  it('prints client CPU per call with and without the keep-alive agent (~300 calls each)', async () => {
    const runs: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    // alternate to reduce drift/JIT bias
    runs['keep-alive#1'] = await measure(true, 300);
    runs['no-keep-alive#1'] = await measure(false, 300);
    runs['keep-alive#2'] = await measure(true, 300);
    runs['no-keep-alive#2'] = await measure(false, 300);

    // anti-pattern for comparison: a new node-soap client (WSDL parse) per call
    const n = 30;
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const c = await soap.createClientAsync(ECHO_WSDL_PATH, { disableCache: true }, url);
      await c.EchoAsync({ text: 'x', count: i });
    }
    const perCallClient = process.cpuUsage(before);
    const rows = Object.entries(runs).map(
      ([k, v]) =>
        `${k.padEnd(18)} client ${v.clientCpuUsPerCall.toFixed(0).padStart(6)} µs/call   server ${v.serverCpuUsPerCall.toFixed(0).padStart(5)} µs/call   wall ${v.wallMsPerCall.toFixed(2)} ms/call`,
    );
    rows.push(
      `client-per-call    client ${((perCallClient.user + perCallClient.system) / n).toFixed(0).padStart(6)} µs/call (createClientAsync + call, ${n} calls)`,
    );
    console.log(`soap-kit client CPU (Node ${process.version}, sequential, loopback):\n${rows.join('\n')}`);
    expect(Object.keys(runs)).toHaveLength(4);
  }, 120_000);
});
