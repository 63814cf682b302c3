import { ArgumentsHost } from '@nestjs/common';
import { AppErrorFilter } from './app-error.filter';

function hostCapturing(): { host: ArgumentsHost; sent: { status?: number; body?: Record<string, unknown> } } {
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
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
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
});
