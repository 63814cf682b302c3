import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS } from './support/accounts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { ClerkClient } from './support/clerk-client';
import { waitFor } from './support/env';
import { APPROVER, CLERK, ExchangeEnv } from './support/exchange-env';

interface Deadline {
  state: string;
  promisedDueAt: string;
  promisedDueDate: string;
}

/** The Beijing calendar day after `date` (YYYY-MM-DD). */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * 电子监察 and the overdue queues on the screen: two applications of two windows made overdue by
 * moving the platform's time-limit clock (SUPERVISION_TEST_CLOCK_FILE) past their promised deadline,
 * while the departments take an hour to conclude. The 审批账号 reads the red cards by department,
 * item and window (chart and table), narrows them by the card date and opens a carded case; the
 * clerk sees their own window's 超期 queue by default, the hall's with 只看本窗口 off, and their own
 * window in 电子监察.
 */
describe('workbench in the browser: 电子监察, 超期 and 预警 queues', () => {
  let env: ExchangeEnv;
  let browser: Browser;
  const clockFile = join(mkdtempSync(join(tmpdir(), 'ow-clock-')), 'now');
  let own = ''; // registered at window 01 (CLERK)
  let other = ''; // registered at window 02
  let due = '';

  beforeAll(async () => {
    writeFileSync(clockFile, '');
    env = await ExchangeEnv.create({
      profile: { acceptDelayMs: 50, concludeDelayMs: 3_600_000 },
      platformEnv: { TEST_HOOKS: 'on', SUPERVISION_TEST_CLOCK_FILE: clockFile, SUPERVISION_TICK_MS: '200' },
    });
    await env.startDeptSim();
    await env.startPlatform();
    browser = await launchBrowser();

    // set-up through the API: the screens under test only read what follows
    const clerk = await env.clerk();
    const clerk2 = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk2.username, ACCOUNTS.clerk2.password);
    own = await clerk.apply('AMR-001');
    other = await clerk2.apply('AMR-003');
    await clerk.waitForState(own, 'ACCEPTED');
    await clerk.waitForState(other, 'ACCEPTED');
    const deadline = (no: string, ok: (d: Deadline) => boolean) =>
      waitFor(`the deadline of ${no}`, async () => {
        const d = (await clerk.request<{ deadline: Deadline | null }>('GET', `/api/v1/applications/${no}`)).deadline;
        return d && ok(d) ? d : undefined;
      });
    const first = await deadline(own, () => true);
    expect((await deadline(other, () => true)).promisedDueDate).toBe(first.promisedDueDate); // same day, same limit
    due = first.promisedDueDate;
    writeFileSync(clockFile, new Date(new Date(first.promisedDueAt).getTime() + 1).toISOString());
    await deadline(own, (d) => d.state === 'OVERDUE');
    await deadline(other, (d) => d.state === 'OVERDUE');
    // the job's table (what the lists and the statistics read) has both red cards
    await waitFor('two red cards', async () => {
      const s = await clerk.request<{ total: number }>('GET', '/api/v1/applications?deadline=OVERDUE');
      return s.total === 2;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const rowsOf = async (page: Page, selector: string) =>
    (await page.locator(`${selector} .el-table__body-wrapper tbody tr`).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${env.platformUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.locator('[data-test=welcome]').waitFor();
  }

  it('shows the 审批账号 the cards of the hall by department, item and window, by card date, with the carded cases', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, APPROVER.username, APPROVER.password);
      await page.getByRole('menuitem', { name: '电子监察' }).click();
      await page.waitForURL(`${env.platformUrl}/supervision`);
      await waitFor('the totals', async () => (await text(page, '[data-test=sv-total-red]')) === '2');
      // entering OVERDUE gave each its yellow card first
      expect(await text(page, '[data-test=sv-total-yellow]')).toBe('2');
      expect(await rowsOf(page, '[data-test=sv-table-dept]')).toEqual(['区市场监督管理局22']);
      const items = await rowsOf(page, '[data-test=sv-table-item]');
      expect(items).toHaveLength(2);
      expect(items.every((r) => r.endsWith('11'))).toBe(true);
      expect(await rowsOf(page, '[data-test=sv-table-window]')).toEqual(['01 号窗口11', '02 号窗口11']);
      // the charts are images with the same numbers in words
      const deptChart = page.locator('[data-test=sv-group-dept] [data-test=bar-chart]');
      expect(await deptChart.getAttribute('role')).toBe('img');
      expect(await deptChart.getAttribute('aria-label')).toBe('黄牌、红牌数按部门（柱状图）。区市场监督管理局：黄牌预警 2，红牌逾期 2');
      expect(await page.locator('[data-test=sv-group-window] [data-test=bar-chart] canvas').count()).toBe(1);

      // the carded applications: both red, each opening its case
      const cards = await rowsOf(page, '[data-test=sv-cards]');
      expect(cards).toHaveLength(2);
      expect(cards.some((r) => r.includes(own) && r.includes('01 号窗口') && r.includes('逾期'))).toBe(true);
      expect(cards.some((r) => r.includes(other) && r.includes('02 号窗口'))).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-supervision');

      // the card date: the red cards fall on the day after the deadline day, the yellow ones on it
      const pickRange = async (from: string, to: string) => {
        await page.getByPlaceholder('开始日期').fill(from);
        await page.getByPlaceholder('结束日期').fill(to);
        await page.getByPlaceholder('结束日期').press('Enter');
        await page.locator('[data-test=sv-search]').click();
      };
      await pickRange(dayAfter(due), dayAfter(due));
      await waitFor('only the red cards of that day', async () => (await text(page, '[data-test=sv-total-yellow]')) === '0');
      expect(await text(page, '[data-test=sv-total-red]')).toBe('2');
      await pickRange('2020-01-01', '2020-01-31');
      await waitFor('no card in 2020', async () => (await text(page, '[data-test=sv-total-red]')) === '0');
      expect(await text(page, '[data-test=sv-table-dept]')).toContain('所选范围内没有亮牌');
      expect(await text(page, '[data-test=sv-cards]')).toContain('没有亮牌的申报件');
      await page.getByRole('button', { name: '重置' }).click();
      await waitFor('the hall again', async () => (await text(page, '[data-test=sv-total-red]')) === '2');

      // one window asked for
      await page.getByLabel('窗口号').fill('02');
      await page.locator('[data-test=sv-search]').click();
      await waitFor('window 02 only', async () => (await rowsOf(page, '[data-test=sv-table-window]')).join('|') === '02 号窗口11');
      expect(await text(page, '[data-test=sv-total-red]')).toBe('1');

      // the yellow tab lists the same two (each had its warning), and a case opens from the list
      await page.getByRole('button', { name: '重置' }).click();
      await page.getByRole('tab', { name: '黄牌预警' }).click();
      await waitFor('the yellow cards', async () => (await rowsOf(page, '[data-test=sv-cards]')).length === 2);
      await page.getByRole('tab', { name: '红牌逾期' }).click();
      await page.locator('[data-test=sv-cards]').getByRole('link', { name: own }).click();
      await page.waitForURL(`${env.platformUrl}/applications/${own}`);
      await page.locator('[data-test=app-state]').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives the clerk their own window by default: 超期 and 预警 tabs with counts, 只看本窗口, 电子监察 of the window', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, CLERK.username, CLERK.password);
      // the home page's counts: the own window by default, the hall with the switch off
      await waitFor('the own overdue count', async () => (await text(page, '[data-test=count-OVERDUE]')) === '1');
      await waitFor('the own warning count', async () => (await text(page, '[data-test=count-WARNING]')) === '0');
      const mine = page.getByRole('switch', { name: '只看本窗口（01 号窗口）' });
      // the switch's input is hidden under its drawn track: the clerk clicks the track
      const toggle = () => page.locator('.el-switch').filter({ has: mine }).click();
      expect(await mine.isChecked()).toBe(true);
      await toggle();
      await waitFor('the hall overdue count', async () => (await text(page, '[data-test=count-OVERDUE]')) === '2');
      await toggle();
      await waitFor('the own count again', async () => (await text(page, '[data-test=count-OVERDUE]')) === '1');
      expect(await accessibilityViolations(page)).toEqual([]);

      // the 超期 card opens the queue on its tab
      await page.getByRole('link', { name: '超期 1 件' }).click();
      await page.waitForURL(/\/applications\?queue=OVERDUE$/);
      await page.getByRole('tab', { name: '超期（1）' }).waitFor();
      expect(await page.getByRole('tab', { name: '超期（1）' }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tab', { name: '预警（0）' }).waitFor();
      await waitFor('the own overdue case', async () => (await rowsOf(page, '[data-test=app-table]')).length === 1);
      expect((await rowsOf(page, '[data-test=app-table]'))[0]).toContain(own);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-queue-overdue');

      // the hall: both, the count follows
      await toggle();
      await page.getByRole('tab', { name: '超期（2）' }).waitFor();
      await waitFor('both overdue cases', async () => (await rowsOf(page, '[data-test=app-table]')).length === 2);
      const hall = (await rowsOf(page, '[data-test=app-table]')).join('|');
      expect(hall).toContain(own);
      expect(hall).toContain(other);
      await page.getByRole('tab', { name: '预警（0）' }).click();
      await waitFor('no warning case', async () => (await text(page, '[data-test=app-table]')).includes('没有符合条件的申报件'));

      // 电子监察 of the clerk: the own window only, no window to choose
      await page.getByRole('menuitem', { name: '电子监察' }).click();
      await waitFor('the own red card', async () => (await text(page, '[data-test=sv-total-red]')) === '1');
      expect(await rowsOf(page, '[data-test=sv-table-window]')).toEqual(['01 号窗口11']);
      expect(await page.locator('[data-test=sv-window]').count()).toBe(0);
      const cards = await rowsOf(page, '[data-test=sv-cards]');
      expect(cards).toHaveLength(1);
      expect(cards[0]).toContain(own);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
