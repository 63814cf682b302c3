import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS } from './support/accounts';
import { ClerkClient } from './support/clerk-client';
import { waitFor } from './support/env';
import { APPROVER, ExchangeEnv, SIM_CONTROL_TOKEN } from './support/exchange-env';

interface Deadline {
  promisedLimitDays: number;
  legalLimitDays: number;
  submittedAt: string;
  promisedDueAt: string;
  promisedDueDate: string;
  legalDueDate: string;
  state: 'NORMAL' | 'WARNING' | 'OVERDUE';
  paused: boolean;
  pausedWorkingDays: number;
  legalExceeded: boolean;
  overdueWorkingDays: number;
  closed: boolean;
  stoppedAt: string | null;
}
interface Detail {
  state: string;
  deadline: Deadline | null;
  versions: { version: number; submittedAt: string | null; supplementRequest: { materials: { code: string }[] } | null }[];
}
interface Counts {
  yellow: number;
  red: number;
}
interface Summary {
  windowNo: string | null;
  totals: Counts;
  byDepartment: (Counts & { deptCode: string })[];
  byItem: (Counts & { itemCode: string; deptCode: string })[];
  byWindow: (Counts & { windowNo: string | null })[];
}
interface CardPage {
  total: number;
  items: { applyNo: string; card: string; windowNo: string | null; state: string; promisedDueAt: string; overdueWorkingDays: number; closed: boolean }[];
}

/**
 * An independent reading of the shipped calendar for the expectations: the Beijing date of a time,
 * and the n-th working day after a date (weekends and listed holidays off, listed 调休 days on).
 */
const calendarFile = join(__dirname, '..', 'apps', 'one-window', 'src', 'supervision', 'calendar', 'holiday-calendar.json');
const calendar = JSON.parse(readFileSync(calendarFile, 'utf8')) as {
  years: Record<string, { holidays: { from: string; to: string }[]; workdays: { date: string }[] }>;
};
const off = new Set<string>();
const on = new Set<string>();
for (const y of Object.values(calendar.years)) {
  for (const h of y.holidays)
    for (let d = new Date(`${h.from}T00:00:00Z`); d <= new Date(`${h.to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) off.add(d.toISOString().slice(0, 10));
  for (const w of y.workdays) on.add(w.date);
}
const beijingDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
function nthWorkingDayAfter(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const key = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (on.has(key) || (!weekend && !off.has(key))) left--;
  }
  return d.toISOString().slice(0, 10);
}

/**
 * Time limits and 电子监察 end to end: the real platform and department simulator, departments
 * slow enough that the applications stay open, and the platform's time-limit clock moved ahead
 * through SUPERVISION_TEST_CLOCK_FILE (the rest of the exchange keeps the real time).
 */
describe('time limits and 电子监察 (yellow and red cards)', () => {
  let env: ExchangeEnv;
  const clockFile = join(mkdtempSync(join(tmpdir(), 'ow-clock-')), 'now');
  const setClock = (iso: string) => writeFileSync(clockFile, iso);
  afterAll(async () => env?.close());

  const profile = async (code: string, patch: Record<string, number>) => {
    const res = await fetch(`${env.deptSimUrl}/sim/departments/${code}/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SIM_CONTROL_TOKEN}` },
      body: JSON.stringify(patch),
    });
    expect(res.status).toBe(200);
  };

  it('computes the deadlines, pauses for 补正补齐, stops at 办结, gives each card once and counts them by department, item and window', async () => {
    writeFileSync(clockFile, '');
    // every department takes an hour to conclude after 受理: the applications stay open
    env = await ExchangeEnv.create({
      profile: { acceptDelayMs: 50, concludeDelayMs: 3_600_000 },
      platformEnv: { TEST_HOOKS: 'on', SUPERVISION_TEST_CLOCK_FILE: clockFile, SUPERVISION_TICK_MS: '200' },
    });
    await env.startDeptSim();
    await env.startPlatform();
    await profile('HPF', { concludeDelayMs: 200 }); // … except 公积金, which concludes at once
    await profile('PSB', { supplementRate: 1 }); // … and 公安 asks for 补正补齐 on every version 1
    const clerk = await env.clerk();
    const clerk2 = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk2.username, ACCOUNTS.clerk2.password);
    const approver = await ClerkClient.login(env.platformUrl, APPROVER.username, APPROVER.password);
    const detail = (applyNo: string) => clerk.request<Detail>('GET', `/api/v1/applications/${applyNo}`);
    const deadlineOf = (applyNo: string, ok: (d: Deadline) => boolean = () => true) =>
      waitFor(`the deadline of ${applyNo}`, async () => {
        const d = (await detail(applyNo)).deadline;
        return d && ok(d) ? d : undefined;
      });

    const a = await clerk.apply('HPF-001'); // 1 / 5 days, concludes at once
    const b = await clerk.apply('AMR-001'); // 3 / 15 days, window 01
    const c = await clerk.apply('PSB-003'); // 3 / 7 days, 补正补齐
    const d = await clerk2.apply('AMR-003'); // 3 / 15 days, window 02
    const draft = await clerk.register('AMR-001');
    await clerk.waitForState(a, 'CONCLUDED');
    await clerk.waitForState(b, 'ACCEPTED');
    await clerk.waitForState(d, 'ACCEPTED');
    await clerk.waitForState(c, 'SUPPLEMENT_REQUIRED');

    // the deadlines, from the day after the first submission, in working days of the calendar
    for (const [no, promised, legal] of [
      [a, 1, 5],
      [b, 3, 15],
      [d, 3, 15],
    ] as const) {
      const dl = await deadlineOf(no);
      const submitted = (await detail(no)).versions[0].submittedAt!;
      expect(dl).toMatchObject({ promisedLimitDays: promised, legalLimitDays: legal, state: 'NORMAL', paused: false, legalExceeded: false });
      expect(dl.promisedDueDate).toBe(nthWorkingDayAfter(beijingDate(submitted), promised));
      expect(dl.legalDueDate).toBe(nthWorkingDayAfter(beijingDate(submitted), legal));
      expect(beijingDate(dl.promisedDueAt)).toBe(dl.promisedDueDate);
    }
    expect((await deadlineOf(a, (x) => x.closed)).stoppedAt).not.toBeNull();
    expect((await deadlineOf(c, (x) => x.paused)).state).toBe('NORMAL');
    expect((await detail(draft)).deadline).toBeNull();

    // the time-limit clock jumps to just past B's promised deadline
    const bDue = (await deadlineOf(b)).promisedDueAt;
    setClock(new Date(new Date(bDue).getTime() + 1).toISOString());
    const bOver = await deadlineOf(b, (x) => x.state === 'OVERDUE');
    expect(bOver.overdueWorkingDays).toBe(1);
    await deadlineOf(d, (x) => x.state === 'OVERDUE');
    // concluded in time: stays NORMAL whatever the clock says; waiting for 补正: paused, its deadline moved on
    const aNow = await deadlineOf(a);
    expect(aNow).toMatchObject({ state: 'NORMAL', closed: true, overdueWorkingDays: 0 });
    const cWaiting = await deadlineOf(c, (x) => x.paused && x.promisedDueDate > bOver.promisedDueDate);
    expect(cWaiting.state).toBe('NORMAL');
    expect(cWaiting.pausedWorkingDays).toBeGreaterThanOrEqual(1);

    // the workbench queue of overdue applications (open ones), from the job's table
    const overdue = await waitFor('B and D in the overdue queue', async () => {
      const page = await clerk.request<{ items: { applyNo: string }[] }>('GET', '/api/v1/applications?deadline=OVERDUE');
      return page.items.length === 2 ? page : undefined;
    });
    expect(overdue.items.map((x) => x.applyNo).sort()).toEqual([b, d].sort());
    expect((await clerk.request<{ total: number }>('GET', '/api/v1/applications?deadline=WARNING')).total).toBe(0);
    await clerk.request('GET', '/api/v1/applications?deadline=LATE', undefined, [400]);
    // 只看本窗口: the window of the registering account
    const ofWindow = async (w: string) =>
      (await clerk.request<{ items: { applyNo: string }[] }>('GET', `/api/v1/applications?deadline=OVERDUE&windowNo=${w}`)).items.map((x) => x.applyNo);
    expect(await ofWindow('01')).toEqual([b]);
    expect(await ofWindow('02')).toEqual([d]);
    expect(await ofWindow('09')).toEqual([]);
    await clerk.request('GET', '/api/v1/applications?windowNo=0%201', undefined, [400]);

    // 补正补齐 answered: the clock runs again from the resubmission, the deadline back near B's (the pause was short)
    await clerk.request('POST', `/api/v1/applications/${c}/versions`, {}, [201]);
    const flagged = (await detail(c)).versions[0].supplementRequest!.materials.map((m) => m.code);
    for (const code of flagged) await clerk.upload(c, code, `${code} again`);
    await clerk.submit(c);
    const cResumed = await deadlineOf(c, (x) => !x.paused);
    expect(cResumed.pausedWorkingDays).toBeLessThan(1);
    expect(cResumed.promisedDueDate < cWaiting.promisedDueDate).toBe(true);
    setClock(new Date(new Date(cResumed.promisedDueAt).getTime() + 1).toISOString());
    await deadlineOf(c, (x) => x.state === 'OVERDUE');

    // 电子监察 as the 审批账号: the whole hall
    const summary = await waitFor('three red cards', async () => {
      const s = await approver.request<Summary>('GET', '/api/v1/supervision/summary');
      return s.totals.red === 3 ? s : undefined;
    });
    expect(summary.totals).toEqual({ yellow: 3, red: 3 });
    expect(summary.byDepartment).toEqual([
      { deptCode: 'AMR', yellow: 2, red: 2 },
      { deptCode: 'PSB', yellow: 1, red: 1 },
    ]);
    expect(summary.byItem).toEqual([
      { itemCode: 'AMR-001', deptCode: 'AMR', yellow: 1, red: 1 },
      { itemCode: 'AMR-003', deptCode: 'AMR', yellow: 1, red: 1 },
      { itemCode: 'PSB-003', deptCode: 'PSB', yellow: 1, red: 1 },
    ]);
    expect(summary.byWindow).toEqual([
      { windowNo: '01', yellow: 2, red: 2 },
      { windowNo: '02', yellow: 1, red: 1 },
    ]);
    // a range that ends before the cards were given counts none
    const before = await approver.request<Summary>('GET', `/api/v1/supervision/summary?to=${encodeURIComponent(new Date(bDue).toISOString())}`);
    expect(before.totals.red).toBe(0);

    const red = await approver.request<CardPage>('GET', '/api/v1/supervision/cards?card=RED');
    expect(red.total).toBe(3);
    expect(red.items.map((x) => x.applyNo).sort()).toEqual([b, c, d].sort());
    expect(red.items.find((x) => x.applyNo === b)).toMatchObject({ state: 'OVERDUE', promisedDueAt: bDue, closed: false, windowNo: '01' });
    expect(red.items.every((x) => x.overdueWorkingDays >= 1)).toBe(true);
    expect((await approver.request<CardPage>('GET', '/api/v1/supervision/cards?card=RED&windowNo=02')).items.map((x) => x.applyNo)).toEqual([d]);
    expect((await approver.request<CardPage>('GET', '/api/v1/supervision/cards?card=YELLOW&deptCode=PSB')).items.map((x) => x.applyNo)).toEqual([c]);

    // a 窗口人员 sees their own window only
    const own = await clerk.request<Summary>('GET', '/api/v1/supervision/summary');
    expect(own).toMatchObject({ windowNo: '01', totals: { yellow: 2, red: 2 } });
    expect(own.byWindow).toEqual([{ windowNo: '01', yellow: 2, red: 2 }]);
    expect((await clerk2.request<CardPage>('GET', '/api/v1/supervision/cards?card=RED')).items.map((x) => x.applyNo)).toEqual([d]);
    const refused = await fetch(`${env.platformUrl}/api/v1/supervision/cards?card=RED&windowNo=02`, { headers: { authorization: `Bearer ${clerk.token}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('6009');

    // bad input: 1002 without the card, 1003 for a wrong value or range
    for (const [path, code] of [
      ['/api/v1/supervision/cards', '1002'],
      ['/api/v1/supervision/cards?card=GREEN', '1003'],
      ['/api/v1/supervision/summary?from=2026-12-02&to=2026-12-01', '1003'],
    ]) {
      const res = await fetch(`${env.platformUrl}${path}`, { headers: { authorization: `Bearer ${approver.token}` } });
      expect([path, res.status, ((await res.json()) as { code: string }).code]).toEqual([path, 400, code]);
    }

    // two weeks on: the cards stay one each, the days overdue grow
    setClock(new Date(new Date(bDue).getTime() + 14 * 86_400_000).toISOString());
    await deadlineOf(b, (x) => x.overdueWorkingDays >= 2);
    const rows = await env.platformQuery<{ n: number }>('SELECT COUNT(*) AS n FROM deadline_card');
    expect(Number(rows[0].n)).toBe(6);
  }, 180_000);
});
