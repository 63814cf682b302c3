import { fmtMs } from './percentiles';

interface OpsCategory {
  category: string;
  lastErrorAt: string | null;
  label: string;
  sent: number;
  pending: number;
  refused: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
}

interface CityCategory {
  category: string;
  reportsLast24h: number;
  stale: boolean;
  failing: boolean;
}

export interface OpsSummary {
  nodeCode: string;
  transport: string;
  encryption: string;
  categories: (OpsCategory & { cityReports24h: number; cityStale: boolean })[];
  workOrderFromCity: { orderId: string; arrivedInMs: number } | null;
  downlink: { recordId: string; deliveredInMs: number } | null;
  /** a port taken down on purpose: when its alert reached the on-call engineer (null: not run, or not delivered) */
  alertNotice: { onCall: string; mailInMs: number | null; smsInMs: number | null } | null;
  alertsFiring: number;
}

/** Session tokens of the tour's accounts, by the base URL of the app they belong to. */
const sessions = new Map<string, string>();

async function loginAs(baseUrl: string, prefix: string, credentials: string | undefined): Promise<void> {
  if (!credentials) throw new Error(`no account for ${baseUrl} (DEMO_OPS_ACCOUNT / DEMO_CITY_ACCOUNT)`);
  const i = credentials.indexOf(':');
  const res = await fetch(`${baseUrl}${prefix}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: credentials.slice(0, i), password: credentials.slice(i + 1) }),
  });
  if (!res.ok) throw new Error(`login at ${baseUrl} failed: ${res.status} ${await res.text()}`);
  sessions.set(baseUrl, ((await res.json()) as { token: string }).token);
}

function authOf(url: string): Record<string, string> {
  // the simulators' inspection routes take the installation's simulator control token
  if (new URL(url).pathname.startsWith('/sim/')) return { authorization: `Bearer ${process.env.SIM_CONTROL_TOKEN ?? ''}` };
  for (const [base, token] of sessions) if (url.startsWith(base)) return { authorization: `Bearer ${token}` };
  return {};
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...authOf(url) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, log: (l: string) => void): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`  gave up waiting for ${what} after ${fmtMs(timeoutMs)}`);
  return undefined;
}

/**
 * The ops part of the demo: waits until the node has reported every category to the city, sends a
 * collaborative work order down from the city and a record through the downlink (national node →
 * ops front DB → unit), and collects the reporting health of both sides.
 */
export async function opsTour(o: {
  opsUrl: string;
  cityUrl: string;
  deptSimUrl: string;
  mailSimUrl?: string;
  smscSimUrl?: string;
  opsAccount?: string;
  cityAccount?: string;
  log: (l: string) => void;
}): Promise<OpsSummary> {
  await loginAs(o.opsUrl, '/ops/api', o.opsAccount);
  await loginAs(o.cityUrl, '/city/api', o.cityAccount);
  const info = await json<{ nodeCode: string }>(`${o.opsUrl}/ops/api/node-info`);
  o.log(`  ops node ${info.nodeCode}: waiting until all six categories reached the city…`);
  await until(
    'every category to report',
    async () => {
      const r = await json<{ categories: OpsCategory[] }>(`${o.opsUrl}/ops/api/reporting`);
      return r.categories.every((c) => c.lastSuccessAt) ? true : undefined;
    },
    90_000,
    o.log,
  );

  o.log('  the city sends a collaborative work order (协同工单) down to the district…');
  let workOrderFromCity: OpsSummary['workOrderFromCity'] = null;
  const t0 = Date.now();
  const issued = await json<{ orderId: string }>(`${o.cityUrl}/city/api/work-orders`, {
    method: 'POST',
    body: JSON.stringify({
      nodeCode: info.nodeCode,
      subject: '市级巡检：核心交换机固件版本核查',
      content: '请核查政务外网核心交换机固件版本并反馈升级计划',
      businessType: '巡检',
      opsLevel: 3,
      originContact: '市运维值班员',
      originPhone: '0375-1234567',
    }),
  });
  const arrived = await until(
    'the work order at the district',
    async () => {
      const r = await fetch(`${o.opsUrl}/ops/api/work-orders/${encodeURIComponent(issued.orderId)}`, { headers: authOf(o.opsUrl) });
      return r.ok ? true : undefined;
    },
    30_000,
    o.log,
  );
  if (arrived) workOrderFromCity = { orderId: issued.orderId, arrivedInMs: Date.now() - t0 };

  o.log('  the upstream node drops an encrypted record into the ops front DB for AMR (downlink)…');
  let downlink: OpsSummary['downlink'] = null;
  const t1 = Date.now();
  const written = await json<{ recordIds: string[] }>(`${o.cityUrl}/city/api/downlink`, {
    method: 'POST',
    body: JSON.stringify({
      nodeCode: info.nodeCode,
      targetUnit: 'AMR',
      dataType: 'POLICY_NOTICE',
      content: { title: '关于做好年度网络安全检查的通知', issuedBy: '国家运维节点（模拟）' },
    }),
  });
  const recordId = written.recordIds[0];
  const delivered = await until(
    'the downlink record at AMR',
    async () => {
      const got = await json<{ recordId: string }[]>(`${o.deptSimUrl}/sim/departments/AMR/downlink`);
      return got.some((g) => g.recordId === recordId) ? true : undefined;
    },
    30_000,
    o.log,
  );
  if (delivered) downlink = { recordId, deliveredInMs: Date.now() - t1 };

  const alertNotice = o.mailSimUrl && o.smscSimUrl ? await alertToOnCall(o.opsUrl, o.mailSimUrl, o.smscSimUrl, o.log) : null;

  const ops = await json<{ transport: string; encryption: string; categories: OpsCategory[] }>(`${o.opsUrl}/ops/api/reporting`);
  const city = await json<{ nodes: { nodeCode: string; categories: CityCategory[] }[] }>(`${o.cityUrl}/city/api/reporting-health`);
  const cityNode = city.nodes.find((n) => n.nodeCode === info.nodeCode);
  const alerts = await json<unknown[]>(`${o.opsUrl}/ops/api/alerts?status=FIRING`);
  return {
    nodeCode: info.nodeCode,
    transport: ops.transport,
    encryption: ops.encryption,
    categories: ops.categories.map((c) => {
      const cc = cityNode?.categories.find((x) => x.category === c.category);
      return { ...c, cityReports24h: cc?.reportsLast24h ?? 0, cityStale: cc?.stale ?? true };
    }),
    workOrderFromCity,
    downlink,
    alertNotice,
    alertsFiring: alerts.length,
  };
}

/**
 * Takes a core-switch port down through the device simulator for a few sampling rounds (the 端口中断
 * rule is critical, so its first escalation step uses two channels), waits for the notice in the
 * simulated mailbox and SMS inbox of the first on-call person (A 角); the port comes back by itself
 * and a recovery notice follows.
 */
async function alertToOnCall(opsUrl: string, mailUrl: string, smscUrl: string, log: (l: string) => void): Promise<OpsSummary['alertNotice']> {
  const port = { resourceId: 'NET-CORE-01', subResourceId: 'NET-CORE-01:10GE1/0/24' };
  const { people } = await json<{ people: { name: string; role: string; email: string | null; mobile: string | null; enabled: boolean }[] }>(
    `${opsUrl}/ops/api/on-call`,
  );
  const a = people.find((p) => p.role === 'A' && p.enabled && p.email && p.mobile);
  if (!a) {
    log('  no on-call person (A 角) with e-mail and mobile: alert notification step skipped');
    return null;
  }
  const firing = (m: { subject?: string; text?: string }) => {
    const t = m.subject ?? m.text ?? '';
    return t.includes('10GE1/0/24') && !t.includes('恢复');
  };
  const mails = async () =>
    (await json<{ mails: { subject?: string }[] }>(`${mailUrl}/sim/mails?to=${encodeURIComponent(a.email!)}`)).mails.filter(firing).length;
  const texts = async () => (await json<{ messages: { text: string }[] }>(`${smscUrl}/sim/inbox?to=${a.mobile!}`)).messages.filter(firing).length;
  const [mail0, sms0] = [await mails(), await texts()];
  log(`  port ${port.subResourceId} goes down (device simulator, 6 sampling rounds); the alert should reach ${a.name} (A 角) by mail and SMS…`);
  const t0 = Date.now();
  // long enough to outlast the alert grouping window, so the alert is still firing when its notice is built
  await json(`${opsUrl}/ops/api/device-sim/faults`, { method: 'POST', body: JSON.stringify({ ...port, kind: 'port-down', rounds: 6 }) });
  await json(`${opsUrl}/ops/api/samples/collect`, { method: 'POST' });
  let mailInMs: number | null = null;
  let smsInMs: number | null = null;
  await until(
    'the alert notice by mail and SMS',
    async () => {
      if (mailInMs === null && (await mails()) > mail0) mailInMs = Date.now() - t0;
      if (smsInMs === null && (await texts()) > sms0) smsInMs = Date.now() - t0;
      return mailInMs !== null && smsInMs !== null ? true : undefined;
    },
    90_000,
    log,
  );
  return { onCall: a.name, mailInMs, smsInMs };
}

export function renderOpsSummary(s: OpsSummary): string {
  const head = `    ${'category'.padEnd(14)}${'分类'.padEnd(8)}${'sent'.padStart(6)}${'pending'.padStart(9)}${'refused'.padStart(9)}${'city 24h'.padStart(10)}  last success                   error since`;
  const rows = s.categories.map(
    (c) =>
      `    ${c.category.padEnd(14)}${c.label.padEnd(8 - (c.label.length - 4))}${String(c.sent).padStart(6)}${String(c.pending).padStart(9)}${String(c.refused).padStart(9)}${String(c.cityReports24h).padStart(10)}  ${(c.lastSuccessAt ?? '—').padEnd(31)}${c.lastError && c.lastErrorAt && (!c.lastSuccessAt || c.lastErrorAt > c.lastSuccessAt) ? c.lastError.slice(0, 60) : '—'}`,
  );
  return [
    '',
    '================ 运维节点 — reporting to the city (市运维交换监管) ================',
    `  node ${s.nodeCode}, transport ${s.transport}, payload ${s.encryption} (SM2 signature on every call)`,
    head,
    ...rows,
    `  healthy categories        ${s.categories.filter((c) => c.lastSuccessAt && c.refused === 0 && c.consecutiveFailures === 0).length}/6`,
    `  alerts firing now         ${s.alertsFiring}`,
    `  work order from the city  ${s.workOrderFromCity ? `${s.workOrderFromCity.orderId} arrived in ${fmtMs(s.workOrderFromCity.arrivedInMs)}` : 'NOT ARRIVED'}`,
    `  downlink record → AMR     ${s.downlink ? `${s.downlink.recordId} delivered in ${fmtMs(s.downlink.deliveredInMs)}` : 'NOT DELIVERED'}`,
    ...(s.alertNotice
      ? [
          `  alert (端口中断) → ${s.alertNotice.onCall}  mail ${s.alertNotice.mailInMs === null ? 'NOT DELIVERED' : `in ${fmtMs(s.alertNotice.mailInMs)}`}, SMS ${s.alertNotice.smsInMs === null ? 'NOT DELIVERED' : `in ${fmtMs(s.alertNotice.smsInMs)}`}`,
        ]
      : []),
    '==============================================================================',
  ].join('\n');
}
