import { ClerkClient } from './support/clerk-client';
import { APPROVER, ExchangeEnv } from './support/exchange-env';

describe('dispatch hold (暂停分发) for a department', () => {
  let env: ExchangeEnv;
  afterAll(async () => env?.close());

  it('keeps accepting, dispatches nothing to the held department, and catches up on release', async () => {
    env = await ExchangeEnv.create();
    await env.startDeptSim();
    await env.startPlatform();
    const clerk = await env.clerk();
    const approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);

    await clerk.request('PUT', '/api/v1/ops/dispatch-holds/PSB', { minutes: 10, reason: '前置库维护' }, [403]);
    await approver.request('PUT', '/api/v1/ops/dispatch-holds/PSB', { minutes: 10, reason: '前置库维护' });
    await approver.request('PUT', '/api/v1/ops/dispatch-holds/NOPE', { minutes: 10, reason: '测试部门' }, [404]);

    const held = await clerk.apply('PSB-003');
    const free = await clerk.apply('HPF-001');
    await clerk.waitForState(free, 'CONCLUDED');
    expect((await clerk.get(held)).state).toBe('SUBMITTED');
    expect(await (await env.front('PSB')).listUntaken('acceptance', 0, 10)).toEqual([]);

    await approver.request('DELETE', '/api/v1/ops/dispatch-holds/PSB', undefined, [204]);
    await clerk.waitForState(held, 'CONCLUDED');
    expect(await approver.request('GET', '/api/v1/ops/dispatch-holds')).toEqual([]);
  });
});
