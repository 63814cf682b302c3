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

    // the list says since when and by whom (+08:00); a re-hold moves the end, not the start
    type Hold = { deptCode: string; heldUntil: string; heldSince: string; heldBy: string; reason: string };
    const [first] = await clerk.request<Hold[]>('GET', '/api/v1/ops/dispatch-holds');
    expect(first).toMatchObject({ deptCode: 'PSB', heldBy: APPROVER.username, reason: '前置库维护' });
    expect(first.heldSince).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(new Date(first.heldUntil).getTime() - new Date(first.heldSince).getTime()).toBe(10 * 60_000);
    await approver.request('PUT', '/api/v1/ops/dispatch-holds/PSB', { minutes: 20, reason: '前置库维护延长' });
    const [again] = await clerk.request<Hold[]>('GET', '/api/v1/ops/dispatch-holds');
    expect(again).toMatchObject({ heldSince: first.heldSince, reason: '前置库维护延长' });
    expect(new Date(again.heldUntil).getTime()).toBeGreaterThan(new Date(first.heldUntil).getTime());
    // a hold that ran out is over: holding again starts a new one (its own heldSince), the list never shows the old one
    await env.platformQuery("UPDATE dispatch_hold SET held_until = NOW(3) - INTERVAL 1 SECOND, created_at = NOW(3) - INTERVAL 1 HOUR WHERE dept_code = 'PSB'");
    expect(await clerk.request('GET', '/api/v1/ops/dispatch-holds')).toEqual([]);
    await approver.request('PUT', '/api/v1/ops/dispatch-holds/PSB', { minutes: 10, reason: '前置库维护' });
    const [renewed] = await clerk.request<Hold[]>('GET', '/api/v1/ops/dispatch-holds');
    expect(new Date(renewed.heldUntil).getTime() - new Date(renewed.heldSince).getTime()).toBe(10 * 60_000);

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
