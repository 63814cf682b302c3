import { applyDecorators } from '@nestjs/common';
import type { Response } from 'express';
import { HealthControllerBase, HealthFigures, Pingable, pingDb } from './health-kit';

const up: Pingable = { query: () => Promise.resolve([{ 1: 1 }]) };
const down: Pingable = { query: () => Promise.reject(new Error('connect ECONNREFUSED')) };

function controller(ownDb: Pingable, figures: (db: string) => HealthFigures, notUp?: 'degraded' | 'down') {
  const Base = HealthControllerBase({ open: applyDecorators(), guard: applyDecorators(), notUp, summary: 's', response: Object });
  class Health extends Base {
    protected figures(db: string): Promise<HealthFigures> {
      return Promise.resolve(figures(db));
    }
  }
  return new Health(ownDb);
}

function answer() {
  const res = { statusCode: 200, status: (c: number) => ((res.statusCode = c), res) };
  return res;
}

describe('health kit', () => {
  it('answers up with the own DB first and the app figures after it', async () => {
    const res = answer();
    const body = await controller(up, (db) => ({ figures: { ownDb: db, queue: { PENDING: 2 } } })).health(res as unknown as Response);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(body)).toEqual(['status', 'ownDb', 'queue']);
    expect(body).toEqual({ status: 'up', ownDb: 'up', queue: { PENDING: 2 } });
  });

  it('answers 503 when the own DB is down, and the figures name the reason', async () => {
    const res = answer();
    const body = await controller(down, (db) => ({ figures: { ownDb: db } }), 'down').health(res as unknown as Response);
    expect(res.statusCode).toBe(503);
    expect(body).toEqual({ status: 'down', ownDb: 'down: connect ECONNREFUSED' });
  });

  it('answers 503 degraded when a part the app needs is down although its own DB is up', async () => {
    const res = answer();
    const body = await controller(up, (db) => ({ ok: false, figures: { ownDb: db, frontDb: 'down: x' } })).health(res as unknown as Response);
    expect(res.statusCode).toBe(503);
    expect(body.status).toBe('degraded');
  });

  it('reports a failed ping, never throws it', async () => {
    await expect(pingDb(down)).resolves.toBe('down: connect ECONNREFUSED');
    await expect(pingDb(up)).resolves.toBe('up');
  });
});
