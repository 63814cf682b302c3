import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { AppErrorFilter } from './app-error.filter';

function hostCapturing(req?: { method: string; path: string }): { host: ArgumentsHost; sent: { status?: number; body?: Record<string, unknown> } } {
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const res = {
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

  it('answers an unmatched route (the router\'s 404) with 1009 naming method and path, not 2001', () => {
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
});
