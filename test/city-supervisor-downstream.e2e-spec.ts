import { downlinkFromRow, openDownlinkRecord, openSecureMessage, OpenedMessage, ReportCategory, ReportMode, SecureMessage } from '@app/ops-contract';
import { AppError } from '@app/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { dropDatabases, freePort, freshPrefix, testDb, waitFor } from './support/env';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CITY_NODE_CODE, CityEnv, keys, NODE_CODE, sample, sealReport } from './support/city-env';

type Row = Record<string, unknown>;

/**
 * Plays a district ops node's inbound endpoint for what the city sends down (POST
 * /ops/api/city/secure-messages): opens every message with the contract's receive pipeline, the
 * city's public key as the sender's and the node's private key to decrypt.
 */
class NodeInbound {
  readonly received: OpenedMessage[] = [];
  readonly raw: SecureMessage[] = [];
  /** answer every message with this refusal code instead of accepting it */
  refuseWith?: string;
  private server?: Server;
  private readonly nonces = new Set<string>();

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/ops/api/city/secure-messages') return answer(404, { code: '1008', message: 'unknown path' });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SecureMessage;
    this.raw.push(body);
    if (this.refuseWith) return answer(400, { code: this.refuseWith, message: 'refused by the test node' });
    try {
      const opened = await openSecureMessage(body, {
        senderKey: (code) => (code === CITY_NODE_CODE ? keys.city.publicKey : undefined),
        recipientKey: keys.node,
        rememberNonce: async (code, nonce) => !this.nonces.has(`${code}/${nonce}`) && this.nonces.add(`${code}/${nonce}`).size > 0,
        now: () => new Date(),
        maxSkewMs: 300_000,
      });
      this.received.push(opened);
      answer(200, { code: '0000', message: '成功', messageId: body.messageId, receivedAt: new Date().toISOString() });
    } catch (err) {
      if (err instanceof AppError) return answer(err.httpStatus, { code: err.code, message: err.message });
      answer(500, { code: '5000', message: (err as Error).message });
    }
  }
}

describe('city supervisor: work orders down and the downlink front DB', () => {
  let env: CityEnv;
  let inbound: NodeInbound;

  beforeAll(async () => {
    inbound = new NodeInbound(await freePort());
    env = await CityEnv.create({
      DEFAULT_NODE_URL: `http://127.0.0.1:${inbound.port}`,
      DEFAULT_NODE_TRANSPORT: 'http',
      WORK_ORDER_POLL_MS: '100',
      WORK_ORDER_RETRY_BASE_MS: '200',
      WORK_ORDER_RETRY_MAX_MS: '800',
      WORK_ORDER_SEND_TIMEOUT_MS: '2000',
      WORK_ORDER_LEASE_MS: '5000',
    });
    await env.start();
  });

  afterAll(async () => {
    await inbound?.stop();
    await env?.close();
  });

  const issue = async (subject: string) => {
    const r = await env.postJson('/city/api/work-orders', {
      nodeCode: NODE_CODE,
      subject,
      content: '请核查区政务外网出口链路并反馈。',
      businessType: '网络故障',
      opsLevel: 2,
      originContact: '张伟',
      originPhone: '0371-12345678',
    });
    expect(r.status).toBe(201);
    return r.body as { orderId: string; messageId: string; status: string };
  };
  const order = (orderId: string) => env.get<Row & { delivery: Row | null }>(`/city/api/work-orders/${NODE_CODE}/${orderId}`);

  it('refuses an invalid work order with the field named', async () => {
    const r = await env.postJson('/city/api/work-orders', {
      nodeCode: NODE_CODE,
      subject: '缺少运维级别',
      content: 'x',
      businessType: '网络故障',
      originContact: '张伟',
      originPhone: '0371-12345678',
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.details)).toContain('opsLevel');
    expect(
      (
        await env.postJson('/city/api/work-orders', {
          nodeCode: 'NOBODY-1',
          subject: 's',
          content: 'c',
          businessType: 'b',
          opsLevel: 1,
          originContact: 'c',
          originPhone: '0371-12345678',
        })
      ).body.code,
    ).toBe('2001');
  });

  it('delivers an order once the node comes up, as a SecureMessage the node can open', async () => {
    const issued = await issue('政务外网链路中断排查');
    expect(issued.orderId).toMatch(/^CITY-WO-\d{8}-\d{6}$/);
    expect(issued.status).toBe('PENDING');
    // the node is down: the sender keeps trying, and says so
    const pending = await waitFor('a failed delivery attempt', async () => {
      const o = await order(issued.orderId);
      return o.delivery && Number(o.delivery.attempts) >= 2 ? o : undefined;
    });
    expect(pending.delivery).toMatchObject({ state: 'PENDING', lastError: expect.stringMatching(/network/) });
    await inbound.start();
    const delivered = await waitFor('the delivery', async () => {
      const o = await order(issued.orderId);
      return o.delivery?.state === 'DELIVERED' ? o : undefined;
    });
    expect(delivered).toMatchObject({
      origin: 'CITY',
      status: 'PENDING',
      originUnit: '市运维交换监管中心',
      receiverUnit: '区运维节点',
      delivery: expect.objectContaining({ answerCode: '0000' }),
    });
    const got = inbound.received.find((m) => m.params.messageId === issued.messageId)!;
    expect(got.params).toMatchObject({ nodeCode: CITY_NODE_CODE, category: 'WORK_ORDER', mode: 'INCREMENTAL' });
    expect(got.message.items).toEqual([expect.objectContaining({ orderId: issued.orderId, subject: '政务外网链路中断排查', opsLevel: 2, status: 'PENDING' })]);
    // every attempt was signed anew
    const attempts = inbound.raw.filter((m) => m.messageId === issued.messageId);
    expect(new Set(attempts.map((m) => m.nonce)).size).toBe(attempts.length);
  });

  it("applies the node's feedback to the same order when it reports it back", async () => {
    const issued = await issue('数据库备份失败');
    await waitFor('the delivery', async () => (await order(issued.orderId)).delivery?.state === 'DELIVERED');
    const feedback = sample.workOrder(issued.orderId, {
      subject: '数据库备份失败',
      status: 'FEEDBACK',
      receiverFeedback: '已更换备份存储，备份恢复正常。',
      receiverContact: '王芳',
      receiverPhone: '13800001111',
      originUnit: '市运维交换监管中心',
      receiverUnit: '区运维节点',
    });
    const r = await env.submit(sealReport({ category: ReportCategory.WORK_ORDER, mode: ReportMode.INCREMENTAL, items: [feedback] }));
    expect(r.body.code).toBe('0000');
    expect(await order(issued.orderId)).toMatchObject({
      origin: 'CITY',
      status: 'FEEDBACK',
      statusLabel: '已反馈',
      receiverFeedback: '已更换备份存储，备份恢复正常。',
      delivery: expect.objectContaining({ state: 'DELIVERED' }),
    });
    expect((await env.get<Row[]>('/city/api/work-orders?status=FEEDBACK&origin=CITY')).map((o) => o.orderId)).toContain(issued.orderId);
  });

  it('stops on a permanent refusal and shows it', async () => {
    inbound.refuseWith = '3005';
    try {
      const issued = await issue('签名被拒的工单');
      const failed = await waitFor('the refusal', async () => {
        const o = await order(issued.orderId);
        return o.delivery?.state === 'FAILED' ? o : undefined;
      });
      expect(failed.delivery).toMatchObject({ lastCode: '3005', attempts: 1 });
    } finally {
      inbound.refuseWith = undefined;
    }
  });

  it('writes downlink records into the node front DB that the node opens with its key, and shows their shadow events', async () => {
    const content = { title: '关于开展网络安全检查的通知', body: '请各单位于本周内完成自查。', level: 2 };
    const r = await env.postJson('/city/api/downlink', { nodeCode: NODE_CODE, targetUnit: 'AMR', dataType: 'POLICY_NOTICE', content, count: 3 });
    expect(r.status).toBe(201);
    const recordIds = r.body.recordIds as string[];
    expect(recordIds).toHaveLength(3);
    const sql = await env.sql();
    const [rows] = await sql.query(`SELECT * FROM ${env.db('ops_front')}.dl_record WHERE record_id IN (?)`, [recordIds]);
    const records = (rows as Row[]).map(downlinkFromRow);
    expect(records).toHaveLength(3);
    for (const rec of records) {
      expect(rec).toMatchObject({ sourceNode: 'NATIONAL-OPS', targetUnit: 'AMR', dataType: 'POLICY_NOTICE', encryption: 'SM2' });
      const opened = openDownlinkRecord(rec, keys.node, keys.national.publicKey);
      expect(opened.ok && JSON.parse(opened.plaintext.toString('utf8'))).toEqual(content);
    }
    // the node takes one and delivers it; the city reads that back from the shadow table
    await sql.query(`INSERT INTO ${env.db('ops_front')}.dl_shadow (record_id, event, operator) VALUES (?, 'TAKEN', 'ops-node'), (?, 'DELIVERED', 'ops-node')`, [
      recordIds[0],
      recordIds[0],
    ]);
    const listed = await env.get<{ recordId: string; state: string; events: Row[] }[]>(`/city/api/downlink?nodeCode=${NODE_CODE}`);
    expect(listed.find((l) => l.recordId === recordIds[0])).toMatchObject({
      state: 'DELIVERED',
      events: [expect.objectContaining({ event: 'TAKEN' }), expect.objectContaining({ event: 'DELIVERED' })],
    });
    expect(listed.find((l) => l.recordId === recordIds[1])).toMatchObject({ state: 'WRITTEN', events: [] });
  });

  it('refuses to start on a city DB with pending migrations', async () => {
    const prefix = freshPrefix();
    const sql = await env.sql();
    await sql.query(`CREATE DATABASE \`${prefix}city_supervisor\``);
    try {
      const db = testDb();
      // started directly: the process must stop by itself, with the reason on stderr
      const proc = spawn(process.execPath, ['--disable-proto=delete', join(__dirname, '..', 'dist', 'apps', 'city-supervisor', 'src', 'main.js')], {
        env: { ...process.env, DB_HOST: db.host, DB_PORT: String(db.port), DB_NAME_PREFIX: prefix, PORT: String(await freePort()), APP_MODE: 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(/city DB: database \S+ has pending migrations/);
    } finally {
      await dropDatabases(prefix);
    }
  });

  it('reports its DBs in /health', async () => {
    expect((await fetch(`${env.url}/health`)).status).toBe(401);
    const res = await fetch(`${env.url}/health`, { headers: await env.auth() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'up',
      cityDb: 'up',
      frontDbs: { [NODE_CODE]: 'up' },
      workOrderOutbox: expect.objectContaining({ DELIVERED: 2, FAILED: 1 }),
    });
  });
});
