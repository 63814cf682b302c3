import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { jsonBodyParser, jsonDepthExceeds, jsonShapeProblem, MAX_JSON_DEPTH } from './json-body';

describe('JSON depth check on the raw bytes', () => {
  const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
    expect(jsonDepthExceeds(`{"s":"${'['.repeat(1000)}"}`, 2)).toBe(false);
    expect(jsonDepthExceeds(`{"s":"\\"${'['.repeat(1000)}"}`, 2)).toBe(false); // escaped quote stays in the string
    expect(jsonDepthExceeds(`{"s":"\\\\"}${'['.repeat(10)}`, 5)).toBe(true); // an escaped backslash ends before the quote
    expect(jsonDepthExceeds(Buffer.from(`{"名称":"${'{'.repeat(50)}"}`, 'utf8'), 2)).toBe(false);
  });

  it('counts values for a flat-object route (commas outside strings)', () => {
    const flat = { maxDepth: 1, maxMembers: 3 };
    expect(jsonShapeProblem('{"a":"x,y,z","b":"[{","c":1}', flat)).toBeUndefined();
    expect(jsonShapeProblem('{"a":1,"b":2,"c":3,"d":4}', flat)).toBe('members');
    expect(jsonShapeProblem('{"a":[1]}', flat)).toBe('depth');
    expect(jsonShapeProblem('{"a":{"b":1}}', flat)).toBe('depth');
  });

  it('stops at the first level too deep, and scans a 16 MiB flat body in one cheap pass', () => {
    const deep = Buffer.from('['.repeat(1024 * 1024));
    let t0 = performance.now();
    expect(jsonDepthExceeds(deep)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(20);
    const flat = Buffer.from(`{"payload":"${'A'.repeat(16 * 1024 * 1024)}","list":[1,2,3]}`);
    t0 = performance.now();
    expect(jsonDepthExceeds(flat)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('jsonBodyParser: per-route limits, coded refusals', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(
      jsonBodyParser({
        limitBytes: 1024,
        routes: [
          { path: '/big', limitBytes: 64 * 1024 },
          { path: /^\/dept\/[^/]+\/in$/, limitBytes: 8 * 1024 },
        ],
      }),
    );
    app.post(/.*/, (req, res) => void res.json({ ok: true, keys: Object.keys(req.body as object).length }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((r) => server.close(r)));

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, body: (await res.json()) as { code?: string; message?: string; ok?: boolean } };
  };
  const sized = (bytes: number) => JSON.stringify({ a: 'x'.repeat(bytes - 8) });

  it('applies the small default limit to other routes: 1005 with the limit named', async () => {
    expect((await post('/rest', sized(900))).body.ok).toBe(true);
    expect(await post('/rest', sized(2000))).toEqual({ status: 413, body: expect.objectContaining({ code: '1005', message: '报文过大：超过 1024 字节' }) });
  });

  it('gives a listed route its own limit (exact path or pattern)', async () => {
    expect((await post('/big', sized(60 * 1024))).body.ok).toBe(true);
    expect((await post('/big', sized(70 * 1024))).body.code).toBe('1005');
    expect((await post('/dept/AMR/in', sized(7 * 1024))).body.ok).toBe(true);
    expect((await post('/dept/AMR/in', sized(9 * 1024))).body.code).toBe('1005');
    expect((await post('/dept/AMR/in/x', sized(2000))).body.code).toBe('1005'); // not the pattern: the default
  });

  it('refuses nesting deeper than 32 levels with 1004, and bad JSON and encodings with 1004/1006', async () => {
    expect(await post('/big', '['.repeat(33) + ']'.repeat(33))).toEqual({
      status: 400,
      body: expect.objectContaining({ code: '1004', message: '报文格式错误：嵌套层级过深' }),
    });
    expect((await post('/big', '{"a":[[[1]]]}')).body.ok).toBe(true);
    expect(await post('/rest', '{"a":')).toEqual({ status: 400, body: expect.objectContaining({ code: '1004' }) });
    expect(await post('/rest', '{}', { 'content-encoding': 'gzip' })).toEqual({
      status: 400,
      body: expect.objectContaining({ code: '1004', message: '报文格式错误：内容与其内容编码不符' }),
    });
    expect(await post('/rest', '{}', { 'content-encoding': 'x-foo' })).toEqual({ status: 415, body: expect.objectContaining({ code: '1006' }) });
    expect((await post('/rest', '{}', { 'content-type': 'application/json; charset=klingon' })).body.code).toBe('1006');
  });
});
