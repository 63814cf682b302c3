import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { ReturnCode } from '../errors/return-codes';
import { AppErrorFilter } from './app-error.filter';

function hostCapturing(req?: { method: string; path: string }): {
  host: ArgumentsHost;
  sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> };
} {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const res = {
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('AppErrorFilter', () => {
  it('answers an oversized JSON body with 1005/413, not a 5000', () => {
    const { host, sent } = hostCapturing();
    new AppErrorFilter().catch(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }), host);
    expect(sent.status).toBe(413);
    expect(sent.body?.code).toBe('1005');
  });

  it('answers unparsable JSON with 1004/400', () => {
    const { host, sent } = hostCapturing();
    new AppErrorFilter().catch(Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }), host);
    expect(sent.status).toBe(400);
    expect(sent.body?.code).toBe('1004');
  });

  it("answers an unmatched route (the router's 404) with 1009 naming method and path, not 2001", () => {
    const { host, sent } = hostCapturing({ method: 'GET', path: '/ops/api/nope' });
    new AppErrorFilter().catch(new NotFoundException('Cannot GET /ops/api/nope'), host);
    expect(sent.status).toBe(404);
    expect(sent.body).toEqual(expect.objectContaining({ code: '1009', message: '接口不存在：GET /ops/api/nope' }));
  });

  it('answers a missing record with 2001 in its own words', () => {
    const { host, sent } = hostCapturing();
    new AppErrorFilter().catch(AppError.notFound('告警 A-1 不存在', { field: 'id' }), host);
    expect(sent.status).toBe(404);
    expect(sent.body).toEqual(expect.objectContaining({ code: '2001', message: '告警 A-1 不存在', details: { field: 'id' } }));
  });

  it.each([
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3307'), { code: 'ECONNREFUSED', errno: -111 })],
    ['lost', Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' })],
    ['too many connections', Object.assign(new Error('Too many connections'), { code: 'ER_CON_COUNT_ERROR', errno: 1040 })],
  ])('answers a database connection %s with 5006/503 and Retry-After, not a 5000', (_what, err) => {
    const { host, sent } = hostCapturing();
    new AppErrorFilter().catch(err, host);
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ code: '5006', message: '服务暂时不可用，请稍后重试' });
    expect(sent.body?.errorId).toBeUndefined();
    expect(sent.headers['retry-after']).toBe('5');
  });

  it('adds Retry-After to every coded 503 and to nothing else', () => {
    const a = hostCapturing();
    new AppErrorFilter().catch(new AppError(ReturnCode.FRONT_DB_UNAVAILABLE, 'AMR'), a.host);
    expect([a.sent.status, a.sent.headers['retry-after']]).toEqual([503, '5']);
    const b = hostCapturing();
    new AppErrorFilter().catch(new AppError(ReturnCode.NOT_FOUND, 'x'), b.host);
    expect([b.sent.status, b.sent.headers['retry-after']]).toEqual([404, undefined]);
  });

  it('still answers an unknown error with 5000 and an error id', () => {
    const { host, sent } = hostCapturing();
    new AppErrorFilter().catch(new TypeError('boom'), host);
    expect(sent.status).toBe(500);
    expect(sent.body?.code).toBe('5000');
    expect(typeof sent.body?.errorId).toBe('string');
  });
});
