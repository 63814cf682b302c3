import type { Browser, Page } from 'playwright-core';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNTS } from './support/accounts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { waitFor } from './support/env';
import { OpsEnv } from './support/ops-env';

jest.setTimeout(240_000);

/**
 * The operator's path of a fault work order, in Chromium against a real ops node: a port taken down
 * through the device simulator raises 端口中断, the alert is confirmed in the 告警窗口 and turned into
 * a work order (转工单), the order is taken (受理) and split into two children assigned to two people,
 * each child is started, fed back and resolved, then the parent is resolved and closed with its
 * 评价 — and the detail shows the whole history with the signed-in account as the actor.
 */
describe('ops console in the browser: 工单管理 from an alert to a closed order', () => {
  let env: OpsEnv;
  let browser: Browser;

  beforeAll(async () => {
    env = await OpsEnv.create();
    await env.startOps({ ALERT_NOTIFY_TICK_MS: '200' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${env.opsUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登 录' }).click();
  }

  const rowsOf = (page: Page, table: string) => page.locator(`[data-test=${table}] .el-table__body-wrapper tbody tr`);
  const drawer = (page: Page) => page.locator('.el-drawer [data-test=work-order-detail]');

  /** one action of the open order: its button, its form (filled by `fill`), its confirm button */
  async function act(page: Page, action: string, label: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
    await drawer(page).locator(`[data-test=wo-action-${action}]`).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${label}：`) });
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.locator('[data-test=wo-action-confirm]').click();
    await dialog.waitFor({ state: 'hidden' });
  }
  const stateIs = (page: Page, label: string) =>
    waitFor(`the order shown as ${label}`, async () => (await drawer(page).locator('[data-test=wo-state]').textContent())?.trim() === label);

  it('turns an injected port-down alert into a work order, splits, resolves and closes it, with the full history', async () => {
    // the fault: a core-switch port down for a few sampling rounds raises 端口中断
    await env.json(`${env.opsUrl}/ops/api/device-sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ resourceId: 'NET-CORE-01', subResourceId: 'NET-CORE-01:10GE1/0/3', kind: 'port-down', rounds: 5 }),
    });
    const alert = await waitFor('the 端口中断 alert', async () => {
      await env.json(`${env.opsUrl}/ops/api/samples/collect`, { method: 'POST' });
      const open = await env.json<{ alertId: string; metric: string; subResourceId: string | null }[]>(`${env.opsUrl}/ops/api/alerts?status=FIRING`);
      return open.find((a) => a.subResourceId === 'NET-CORE-01:10GE1/0/3');
    });
    const admin = ACCOUNTS.opsAdmin.username;
    const engineer = ACCOUNTS.opsEngineer.username;

    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, admin, ACCOUNTS.opsAdmin.password);
      await page.getByRole('menuitem', { name: '告警窗口' }).click();
      await page.waitForURL(`${env.opsUrl}/alerts`);
      const alertRow = rowsOf(page, 'alert-table').filter({ hasText: alert.alertId });
      await alertRow.waitFor();
      await page.getByRole('button', { name: `确认告警 ${alert.alertId}` }).click();
      const ack = page.getByRole('dialog', { name: '确认告警' });
      await ack.getByLabel('处理说明（可选）').fill('已通知机房值守');
      await ack.locator('[data-test=act-confirm]').click();
      await waitFor('the alert confirmed', async () => (await alertRow.locator('[data-test=alert-status]').textContent()) === '已确认');

      // 转工单: the order opens in 工单管理 (a new menu group 运维管理)
      await page.getByRole('button', { name: `告警 ${alert.alertId} 转工单` }).click();
      const toOrder = page.getByRole('dialog', { name: '告警转工单' });
      await toOrder.locator('[data-test=to-wo-confirm]').click();
      await page.waitForURL(/\/work-orders\?id=/);
      const parentId = new URL(page.url()).searchParams.get('id')!;
      await drawer(page).waitFor();
      await stateIs(page, '新建');
      expect(await drawer(page).locator('[data-test=wo-alert]').textContent()).toBe(alert.alertId);

      await act(page, 'accept', '受理');
      await stateIs(page, '已分派');
      expect(await drawer(page).locator('[data-test=wo-assignee]').textContent()).toBe(admin);

      // 分解 into two children, one for each person
      await drawer(page).locator('[data-test=wo-action-split]').click();
      const split = page.getByRole('dialog', { name: '分解工单' });
      await split.getByLabel('子工单 1 主题').fill('现场更换 10GE1/0/3 光模块');
      await split.getByLabel('子工单 1 处理人', { exact: true }).fill(engineer);
      await split.getByLabel('子工单 2 主题').fill('核查对端设备端口配置');
      await split.getByLabel('子工单 2 处理人', { exact: true }).fill(admin);
      await split.locator('[data-test=split-confirm]').click();
      await split.waitFor({ state: 'hidden' });
      const children = rowsOf(page, 'work-order-children');
      await waitFor('two children', async () => (await children.count()) === 2);
      const childIds = (await children.locator('td:first-child').allTextContents()).map((t) => t.trim());

      // the parent cannot be resolved while its children are open
      await act(page, 'start', '开始处理');
      await stateIs(page, '处理中');
      await drawer(page).locator('[data-test=wo-action-resolve]').click();
      const early = page.getByRole('dialog', { name: /^解决：/ });
      await early.getByLabel('解决说明').fill('尝试直接解决');
      await early.locator('[data-test=wo-action-confirm]').click();
      await early.getByRole('alert').filter({ hasText: '子工单未全部解决' }).waitFor();
      await early.getByRole('button', { name: '取消' }).click();

      for (const [i, id] of childIds.entries()) {
        await page.getByRole('button', { name: `打开子工单 ${id}` }).click();
        await page.waitForURL(new RegExp(`id=${encodeURIComponent(id)}`));
        await stateIs(page, '已分派');
        await act(page, 'start', '开始处理');
        await act(page, 'feedback', '反馈', (d) => d.getByLabel('反馈内容').fill(`子工单 ${i + 1}：已到场处理`));
        await act(page, 'resolve', '解决', (d) => d.getByLabel('解决说明').fill(`子工单 ${i + 1}：处理完毕`));
        await stateIs(page, '已解决');
        await drawer(page).getByRole('button', { name: parentId }).click();
        await page.waitForURL(new RegExp(`id=${encodeURIComponent(parentId)}`));
      }
      await waitFor('both children resolved', async () =>
        (await children.locator('[data-test=child-state]').allTextContents()).every((t) => t.trim() === '已解决'),
      );

      await act(page, 'resolve', '解决', (d) => d.getByLabel('解决说明').fill('光模块更换后端口恢复'));
      await stateIs(page, '已解决');
      await act(page, 'close', '关闭评价', (d) => d.getByLabel('运维评价（可选）').fill('处理及时'));
      await stateIs(page, '已关闭');

      const history = drawer(page).locator('[data-test=work-order-history]');
      const lines = (await history.locator('.el-timeline-item').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
      for (const step of ['告警转工单', '受理', '分解', '开始处理', '解决', '关闭（评价）']) expect(lines.some((l) => l.includes(step))).toBe(true);
      expect(lines.every((l) => l.includes(admin))).toBe(true);
      expect(lines.join('\n')).toContain('光模块更换后端口恢复');
      expect(await accessibilityViolations(page)).toEqual([]);
      // the drawer is fixed: a taller window shows the whole history in the picture
      await page.setViewportSize({ width: 1440, height: 1600 });
      const file = await screenshot(page, 'ops-work-order');
      mkdirSync(join(__dirname, '..', 'docs', 'screenshots'), { recursive: true });
      copyFileSync(file, join(__dirname, '..', 'docs', 'screenshots', 'ops-work-order.png'));

      // the alert names its order, and its history says the order was resolved
      const detail = await env.json<{ workOrderId: string; history: { message: string }[] }>(`${env.opsUrl}/ops/api/alerts/${alert.alertId}`);
      expect(detail.workOrderId).toBe(parentId);
      expect(detail.history.map((h) => h.message).join('\n')).toContain(`工单 ${parentId} 已解决`);
      // the one refusal the journey provokes (解决 of a parent with open children, 2020) is the only error the page saw
      expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
      expect(problems.filter((p) => p.startsWith('HTTP 409'))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
