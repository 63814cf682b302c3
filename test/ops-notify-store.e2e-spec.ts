import { AttemptRecord, ConcurrentUpdateError, EscalationState, NewAttemptRecord } from '@app/notify';
import { DataSource } from 'typeorm';
import { DbEscalationStore } from '../apps/ops-node/src/notifications/db-escalation.store';
import { UnitOfWork } from '../apps/ops-node/src/database/unit-of-work';
import { dbEnv, dropDatabases, freshPrefix, testDb } from './support/env';
import { runCli } from './support/processes';

// The ops node's EscalationStore against MariaDB, held to the contract of the port (libs/notify README).

const t = (s: number) => new Date(Date.UTC(2026, 2, 1, 2, 0, s, 123));

function state(alertId: string, over: Partial<EscalationState> = {}): EscalationState {
  return {
    alertId,
    policy: 'critical',
    severity: 'CRITICAL',
    status: 'active',
    step: 0,
    stepStartedAt: t(0),
    nextStepAt: t(20),
    notice: { alertId, seq: 1, kind: 'alert', severity: 'CRITICAL', subject: '【运维告警·紧急】2026-03-01T02:00:00Z 不是日期字段', body: 'b', shortText: 's' },
    notified: { P1: { id: 'P1', name: '张值班', email: 'z@example.cn', phone: '13800000021' } },
    tasks: [
      {
        id: '1/0/P1/email',
        noticeSeq: 1,
        step: 0,
        recipient: { id: 'P1', name: '张值班', email: 'z@example.cn' },
        channel: 'email',
        attempts: 1,
        state: 'pending',
        nextTryAt: t(5),
      },
    ],
    dueAt: t(5),
    version: 0,
    createdAt: t(0),
    updatedAt: t(0),
    ...over,
  };
}

function attempt(alertId: string, over: Partial<NewAttemptRecord> = {}): NewAttemptRecord {
  return {
    alertId,
    noticeSeq: 1,
    noticeKind: 'alert',
    step: 0,
    recipientId: 'P1',
    channel: 'sms',
    recipient: '13800000021',
    attemptNo: 1,
    status: 'sent',
    providerId: '111,112',
    at: t(1),
    updatedAt: t(1),
    ...over,
  };
}

describe('DbEscalationStore on MariaDB (the ops node’s persistence port of the escalation engine)', () => {
  const prefix = freshPrefix();
  let ds: DataSource;
  let store: DbEscalationStore;

  beforeAll(async () => {
    await runCli('apps/ops-node/src/cli/migrate.js', dbEnv(prefix));
    const db = testDb();
    ds = new DataSource({
      type: 'mysql',
      host: db.host,
      port: db.port,
      username: db.user,
      password: db.password,
      database: `${prefix}ops_node`,
      timezone: '+08:00',
    });
    await ds.initialize();
    store = new DbEscalationStore(new UnitOfWork(ds));
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabases(prefix);
  });

  it('inserts once per alert and gives the state back with its dates as dates', async () => {
    expect(await store.insert(state('ALM-1'))).toBe(true);
    expect(await store.insert(state('ALM-1', { policy: 'other' }))).toBe(false);
    const got = await store.get('ALM-1');
    expect(got).toEqual(state('ALM-1'));
    expect(got!.tasks[0].nextTryAt).toBeInstanceOf(Date);
    expect(typeof got!.notice.subject).toBe('string');
    expect(await store.get('ALM-none')).toBeNull();
  });

  it('saves only on the version it read, and stores version + 1', async () => {
    const s = (await store.get('ALM-1'))!;
    const saved = await store.save({ ...s, status: 'acknowledged', acknowledgedBy: '张值班', acknowledgedAt: t(9), nextStepAt: null, dueAt: null });
    expect(saved).toMatchObject({ version: 1, status: 'acknowledged', acknowledgedAt: t(9), dueAt: null });
    await expect(store.save({ ...s, status: 'resolved' })).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await store.get('ALM-1')).toEqual(saved);
  });

  it('lists the due escalations earliest first, up to the limit', async () => {
    await store.insert(state('ALM-2', { dueAt: t(30) }));
    await store.insert(state('ALM-3', { dueAt: t(10) }));
    await store.insert(state('ALM-4', { dueAt: t(50) }));
    expect(await store.listDue(t(40), 10)).toEqual(['ALM-3', 'ALM-2']);
    expect(await store.listDue(t(40), 1)).toEqual(['ALM-3']);
  });

  it('appends attempts in order and applies a later outcome to the attempt with that provider id, each in the system log', async () => {
    const first: AttemptRecord = await store.appendAttempt(attempt('ALM-5', { status: 'unknown', providerId: undefined, error: '短信网关未在时限内应答' }));
    const second = await store.appendAttempt(attempt('ALM-5', { attemptNo: 2, providerId: '201' }));
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    const updated = await store.updateAttemptStatus({
      alertId: 'ALM-5',
      noticeSeq: 1,
      channel: 'sms',
      recipient: '13800000021',
      providerId: '201',
      status: 'delivered',
      detail: 'DELIVRD',
      at: t(3),
    });
    expect(updated).toMatchObject({ id: second.id, status: 'delivered', detail: 'DELIVRD', updatedAt: t(3) });
    // an unknown provider id falls back to the latest attempt still unknown (its answer came after all)
    const late = await store.updateAttemptStatus({
      alertId: 'ALM-5',
      noticeSeq: 1,
      channel: 'sms',
      recipient: '13800000021',
      providerId: '999',
      status: 'failed',
      detail: 'UNDELIV',
      at: t(4),
    });
    expect(late).toMatchObject({ id: first.id, status: 'failed', providerId: '999', error: 'UNDELIV' });
    // final rows never change again
    expect(
      await store.updateAttemptStatus({
        alertId: 'ALM-5',
        noticeSeq: 1,
        channel: 'sms',
        recipient: '13800000021',
        providerId: '201',
        status: 'failed',
        detail: 'EXPIRED',
        at: t(5),
      }),
    ).toBeNull();
    expect((await store.listAttempts('ALM-5')).map((a) => [a.attemptNo, a.status, a.providerId])).toEqual([
      [1, 'failed', '999'],
      [2, 'delivered', '201'],
    ]);
    const log = (await ds.query("SELECT event FROM system_log WHERE alert_id = 'ALM-5' ORDER BY id")) as { event: string }[];
    expect(log.map((l) => l.event)).toEqual(['NOTIFY_ATTEMPT', 'NOTIFY_ATTEMPT', 'NOTIFY_STATUS', 'NOTIFY_STATUS']);
  });
});
