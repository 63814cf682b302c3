import { AppView, ClerkClient } from '../support/clerk-client';
import { fmtMs, percentiles, Percentiles } from './percentiles';

export interface DayOptions {
  platformUrl: string;
  deptSimUrl: string;
  clerks: { username: string; password: string }[];
  applications: number;
  concurrency: number;
  timeoutMs: number;
  log: (line: string) => void;
}

export interface DaySummary {
  applications: number;
  byState: Record<string, number>;
  byResult: Record<string, number>;
  byDepartment: Record<string, number>;
  byCategory: Record<string, number>;
  supplementCycles: number;
  lostNotifications: { platformToDept: number; deptToPlatform: number };
  recoveredByScan: { acceptancesTakenByDeptScan: number; callbacksTakenByPlatformScan: number };
  dispatchLatencyMs: Percentiles;
  endToEndLatencyMs: Percentiles;
  elapsedMs: number;
}

interface SimDept {
  code: string;
  counters: { notificationsDropped: number; callbackNotificationsLost: number; takenViaScan: number };
}

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴昊', '徐丽', '孙涛'];

/**
 * A scripted day at the one-window hall: several clerks register applications for every
 * catalogued item, digitise the required materials, submit, answer 补正补齐 requests with
 * a new version, until every application is concluded. Then it reads back the timelines.
 */
export async function dayAtTheWindow(o: DayOptions): Promise<DaySummary> {
  const started = Date.now();
  // only this run's applications: the database may hold earlier days
  const since = encodeURIComponent(new Date(started - 1000).toISOString());
  const clerks = await Promise.all(o.clerks.map((c) => ClerkClient.login(o.platformUrl, c.username, c.password)));
  const items = await clerks[0].request<{ code: string; category: string; deptCode: string }[]>('GET', '/api/v1/items');
  const applyNos: string[] = [];
  // only the window that registered an application may change it (application-scope), so its clerk answers the 补正
  const registeredBy = new Map<string, ClerkClient>();
  const byCategory: Record<string, number> = {};
  let next = 0;
  let supplementCycles = 0;

  const lane = async (clerk: ClerkClient, i: number) => {
    for (let k = next++; k < o.applications; k = next++) {
      const item = items[k % items.length];
      const applyNo = await clerk.apply(item.code, `${NAMES[(k + i) % NAMES.length]}${k}`);
      applyNos.push(applyNo);
      registeredBy.set(applyNo, clerk);
      byCategory[item.category] = (byCategory[item.category] ?? 0) + 1;
    }
  };
  const progress = setInterval(() => o.log(`  registered and submitted ${applyNos.length}/${o.applications}`), 2000);
  try {
    await Promise.all(Array.from({ length: o.concurrency }, (_, i) => lane(clerks[i % clerks.length], i)));
  } finally {
    clearInterval(progress);
  }
  o.log(`  all ${o.applications} submitted in ${fmtMs(Date.now() - started)}; answering 补正补齐 and waiting for 办结…`);

  const deadline = Date.now() + o.timeoutMs;
  const count = async (state: string) =>
    (await clerks[0].request<{ total: number }>('GET', `/api/v1/applications?state=${state}&pageSize=1&from=${since}`)).total;
  let concluded = 0;
  while (Date.now() < deadline) {
    const waiting = await clerks[0].request<{ items: { applyNo: string; currentVersion: number }[] }>(
      'GET',
      `/api/v1/applications?state=SUPPLEMENT_REQUIRED&pageSize=200&from=${since}`,
    );
    for (const a of waiting.items) {
      const clerk = registeredBy.get(a.applyNo) ?? clerks[supplementCycles % clerks.length];
      const view = await clerk.get(a.applyNo);
      const asked = view.versions.find((v) => v.version === view.currentVersion)?.supplementRequest?.materials ?? [];
      await clerk.request('POST', `/api/v1/applications/${a.applyNo}/versions`, {});
      for (const m of asked) await clerk.upload(a.applyNo, m.code, `补正后的 ${m.code}（${a.applyNo}）`);
      await clerk.submit(a.applyNo);
      supplementCycles++;
    }
    concluded = await count('CONCLUDED');
    o.log(`  concluded ${concluded}/${o.applications}, supplement cycles answered ${supplementCycles}`);
    if (concluded >= o.applications) break;
    await new Promise((r) => setTimeout(r, 1500));
  }

  const views: AppView[] = [];
  for (const n of applyNos) views.push(await clerks[0].get(n));
  const byState: Record<string, number> = {};
  const byResult: Record<string, number> = {};
  const byDepartment: Record<string, number> = {};
  const dispatch: number[] = [];
  const e2e: number[] = [];
  let callbacksByScan = 0;
  for (const v of views) {
    byState[v.state] = (byState[v.state] ?? 0) + 1;
    if (v.result) byResult[v.result] = (byResult[v.result] ?? 0) + 1;
    byDepartment[v.deptCode] = (byDepartment[v.deptCode] ?? 0) + 1;
    callbacksByScan += v.callbacks.filter((c) => c.via === 'SCAN').length;
    const at = (step: string, version?: number) => v.timeline.find((t) => t.step === step && (version === undefined || t.version === version))?.at;
    for (const version of new Set(v.timeline.map((t) => t.version))) {
      const sub = at('SUBMITTED', version);
      const taken = at('ACCEPTANCE_TAKEN', version);
      if (sub && taken) dispatch.push(Date.parse(taken) - Date.parse(sub));
    }
    const first = at('SUBMITTED', 1);
    const end = at('CONCLUDE_TAKEN');
    if (first && end) e2e.push(Date.parse(end) - Date.parse(first));
  }
  const sim = (await (await fetch(`${o.deptSimUrl}/sim/departments`)).json()) as SimDept[];
  return {
    applications: o.applications,
    byState,
    byResult,
    byDepartment,
    byCategory,
    supplementCycles,
    lostNotifications: {
      platformToDept: sim.reduce((s, d) => s + d.counters.notificationsDropped, 0),
      deptToPlatform: sim.reduce((s, d) => s + d.counters.callbackNotificationsLost, 0),
    },
    recoveredByScan: { acceptancesTakenByDeptScan: sim.reduce((s, d) => s + d.counters.takenViaScan, 0), callbacksTakenByPlatformScan: callbacksByScan },
    dispatchLatencyMs: percentiles(dispatch),
    endToEndLatencyMs: percentiles(e2e),
    elapsedMs: Date.now() - started,
  };
}

export function renderSummary(s: DaySummary): string {
  const rows = (title: string, obj: Record<string, number>) => [
    `  ${title}`,
    ...Object.entries(obj)
      .sort()
      .map(([k, n]) => `    ${k.padEnd(20)} ${String(n).padStart(5)}`),
  ];
  const pct = (p: Percentiles) => `p50 ${fmtMs(p.p50)}  p90 ${fmtMs(p.p90)}  p99 ${fmtMs(p.p99)}  max ${fmtMs(p.max)}  (n=${p.n})`;
  return [
    '',
    '======================= 一窗受理 — summary of the day =======================',
    `  applications             ${s.applications} in ${fmtMs(s.elapsedMs)}`,
    ...rows('by final state', s.byState),
    ...rows('by result (办结)', s.byResult),
    ...rows('by department', s.byDepartment),
    ...rows('by category (业务分类)', s.byCategory),
    `  补正补齐 cycles answered  ${s.supplementCycles}`,
    `  notifications lost       platform→dept ${s.lostNotifications.platformToDept}, dept→platform ${s.lostNotifications.deptToPlatform}`,
    `  recovered by the scans   acceptances taken by department scan ${s.recoveredByScan.acceptancesTakenByDeptScan}, callbacks taken by platform scan ${s.recoveredByScan.callbacksTakenByPlatformScan}`,
    `  dispatch latency         ${pct(s.dispatchLatencyMs)}   (submitted → department took it)`,
    `  end-to-end latency       ${pct(s.endToEndLatencyMs)}   (first submit → 办结 taken)`,
    '==============================================================================',
  ].join('\n');
}
