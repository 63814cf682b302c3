import express from 'express';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountSoapService, whenSoapServiceReady } from './soap-service.mount';
import { SoapKitClient } from './soap-kit.client';
import {
  collectingLogger,
  ECHO_WSDL_PATH,
  ECHO_WSDL_XML,
  echoBody,
  envelope,
  faultDetail,
  rawRequest,
  soapHeaders,
  startEchoServer,
  USERS,
} from './testing/soap-test.harness';

describe('mountSoapService lifecycle', () => {
  const base = { wsdlXml: ECHO_WSDL_XML, handlers: {}, lookupPassword: () => undefined, logger: collectingLogger() };

  it('validates options eagerly', () => {
    const app = express();
    expect(() => mountSoapService(app, { ...base, path: 'ws/no-slash' })).toThrow(TypeError);
    expect(() => mountSoapService(app, { ...base, path: '/ws/:param' })).toThrow(TypeError);
    expect(() => mountSoapService(app, { ...base, path: '/ws/x', bodyLimitBytes: -1 })).toThrow(TypeError);
    expect(() => mountSoapService(app, { ...base, path: '/ws/x', wsdlXml: '' })).toThrow(TypeError);
  });

  it('an unusable WSDL rejects readiness and requests get a 503 Fault 5001, not a crash', async () => {
    const app = express();
    const logger = collectingLogger();
    const server = mountSoapService(app, { ...base, logger, path: '/ws/broken', wsdlXml: '<definitions><oops' });
    await expect(whenSoapServiceReady(server)).rejects.toBeDefined();
    expect(logger.entries.some((e) => e.level === 'error')).toBe(true);
    const httpServer = http.createServer(app);
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/ws/broken`;
      const res = await rawRequest(url, envelope('1.1', echoBody()), soapHeaders('1.1'));
      expect(res.status).toBe(503);
      expect(faultDetail(res.body).code).toBe('5004');
      expect((await rawRequest(`${url}?wsdl`, '', {}, 'GET')).status).toBe(503);
    } finally {
      httpServer.close();
    }
  });

  it('warns about operations without handlers and answers them with 1007', async () => {
    const srv = await startEchoServer({ handlers: {} });
    try {
      expect(srv.logger.entries.some((e) => e.msg === 'WSDL operation has no handler' && e.meta?.operation === 'Echo')).toBe(true);
      const res = await rawRequest(srv.url, envelope('1.1', echoBody()), soapHeaders('1.1'));
      expect(faultDetail(res.body).code).toBe('1008');
    } finally {
      await srv.close();
    }
  });

  it('keeps serving valid calls while attacks run concurrently', async () => {
    const srv = await startEchoServer();
    const client = await SoapKitClient.create({ wsdlPath: ECHO_WSDL_PATH, endpoint: srv.url, username: 'alice', password: USERS.alice, maxSockets: 8 });
    try {
      const attacks = [
        () => rawRequest(srv.url, envelope('1.1', echoBody('x', 1, ' id="__proto__"')), soapHeaders('1.1')),
        () => rawRequest(srv.url, '<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', soapHeaders('1.1')),
        () => rawRequest(srv.url, 'not gzip', soapHeaders('1.2', { 'Content-Encoding': 'gzip' })),
        () => rawRequest(srv.url, envelope('1.1', echoBody('throw')), soapHeaders('1.1')),
      ];
      const jobs: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        jobs.push(attacks[i % attacks.length]());
        const port = i % 2 ? 'EchoSoap12Port' : 'EchoSoap11Port';
        jobs.push(client.call('EchoService', port, 'Echo', { text: `n${i}`, count: i }).then((r) => expect(r).toEqual({ text: `n${i}`, count: i })));
      }
      await Promise.all(jobs);
      expect(Object.keys(Object.prototype)).toEqual([]);
    } finally {
      client.close();
      await srv.close();
    }
  });
});
