import { deriveDevKey, DEV_ROLES, ReportCategory, ReportItem, ReportMode } from '@app/ops-contract';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ACCOUNTS } from './support/accounts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { CITY_SEED, CityEnv, sample, sealReport } from './support/city-env';
import { testDb, waitFor } from './support/env';

jest.setTimeout(240_000);

/** three districts registered at one city, each reporting as its node would (sealed and signed with its own key) */
const DISTRICTS = [
  { nodeCode: 'SLQ-410404', name: '石龙区' },
  { nodeCode: 'XHQ-410402', name: '新华区' },
  { nodeCode: 'WDQ-410403', name: '卫东区' },
];
const ALL_CATEGORIES = Object.values(ReportCategory);

/**
 * The 市级运维监管 console in a real Chromium against the real city app and MariaDB: three
 * districts report (each with its own SM2 key, through the city's real intake) — 石龙区 everything
 * plus a 紧急 alert, 新华区 only two categories and one tampered message, 卫东区 everything and no
 * alert — and a city monitor reads the 区县总览 (异常 / 关注 / 正常), drills into 石龙区, reads the
 * alert statistics across the districts, the reports with a decrypted payload and the refusal with
 * its code, and issues a work order down; an officer sees only the officers' pages.
 */
describe('city console in the browser: 区县总览, 区县详情, 告警统计, 上报与拒收, 协同工单', () => {
  let env: CityEnv;
  let browser: Browser;

  beforeAll(async () => {
    env = await CityEnv.create();
    const db = testDb();
    const nodes = DISTRICTS.map((d, i) => ({
      ...d,
      publicKeyPem: deriveDevKey(CITY_SEED, DEV_ROLES.node(d.nodeCode)).publicKey.toPem(),
      // nobody listens there: a work order sent down stays 待送达 (retried)
      inboundUrl: `http://127.0.0.1:9/${i}`,
      transport: 'http',
      frontDb: { ...db, database: `${env.prefix}ops_front` },
    }));
    const file = join(mkdtempSync(join(tmpdir(), 'city-nodes-')), 'nodes.json');
    writeFileSync(file, JSON.stringify(nodes), { mode: 0o600 });
    await env.start({ CITY_NODES_FILE: file, WORK_ORDER_RETRY_BASE_MS: '60000' });

    const report = async (nodeCode: string, category: ReportCategory, items: ReportItem[]) => {
      const r = await env.submit(sealReport({ nodeCode, category, mode: ReportMode.FULL, items, signer: deriveDevKey(CITY_SEED, DEV_ROLES.node(nodeCode)) }));
      if (r.body.code !== '0000') throw new Error(`${nodeCode} ${category}: ${JSON.stringify(r.body)}`);
    };
    const itemsOf = (nodeCode: string, category: ReportCategory, name: string): ReportItem[] => {
      const res = `${nodeCode.slice(0, 3)}-CORE-01`;
      switch (category) {
        case ReportCategory.RESOURCE:
          return [sample.resource(res, { name: `${name}核心交换机` })];
        case ReportCategory.SUB_RESOURCE:
          return [sample.subResource(`${res}:GE1/0/1`, res)];
        case ReportCategory.PERFORMANCE:
          return [sample.performance(res, 'cpu.usage', 42, new Date())];
        case ReportCategory.ALERT:
          return nodeCode === 'SLQ-410404'
            ? [sample.alert('SLQ-AL-1', { resourceId: res, severity: 'CRITICAL', message: '核心交换机端口中断' })]
            : [sample.alert(`${nodeCode}-AL-OLD`, { resourceId: res, severity: 'MINOR', status: 'RESOLVED', resolvedAt: new Date().toISOString() })];
        case ReportCategory.WORK_ORDER:
          return [sample.workOrder(`${nodeCode}-WO-1`, { originUnit: `${name}大数据中心` })];
        case ReportCategory.NODE_INFO:
          return [sample.nodeInfo({ nodeCode, unitName: `${name}大数据中心`, personPhone: '13800001111' })];
      }
    };
    for (const d of DISTRICTS) {
      const categories = d.nodeCode === 'XHQ-410402' ? [ReportCategory.RESOURCE, ReportCategory.NODE_INFO] : ALL_CATEGORIES;
      for (const c of categories) await report(d.nodeCode, c, itemsOf(d.nodeCode, c, d.name));
    }
    // a message of 新华区 tampered with after signing: refused with its code, stored nowhere
    const tampered = sealReport({
      nodeCode: 'XHQ-410402',
      category: ReportCategory.RESOURCE,
      items: [sample.resource('XHQ-FW-01')],
      signer: deriveDevKey(CITY_SEED, DEV_ROLES.node('XHQ-410402')),
    });
    const refused = await env.submit({ ...tampered, messageId: `${tampered.messageId}-X` });
    expect(refused.body.code).not.toBe('0000');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${env.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登 录' }).click();
  }
  const rowsOf = (page: Page, table: string) => page.locator(`[data-test=${table}] .el-table__body-wrapper tbody tr`);
  const menu = async (page: Page) => (await page.getByRole('menuitem').allTextContents()).map((t) => t.trim());

  it('serves the console at / of the city app; the API behind it still needs a session', async () => {
    const res = await fetch(`${env.url}/alert-stats`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>市级运维监管</title>');
    expect((await fetch(`${env.url}/city/api/alerts/stats`)).status).toBe(401);
  });

  it('a city monitor sees the three districts coloured by their state and drills into one', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, ACCOUNTS.cityMonitor.username, ACCOUNTS.cityMonitor.password);
    await page.locator('[data-test=districts] .district').nth(2).waitFor();
    expect(await menu(page)).toEqual(['区县总览', '区县详情', '告警统计', '上报与拒收', '协同工单']);
    const card = (code: string) => page.locator(`[data-test=district-${code}]`);
    expect(await card('SLQ-410404').getAttribute('data-state')).toBe('ABNORMAL');
    expect(await card('XHQ-410402').getAttribute('data-state')).toBe('ATTENTION');
    expect(await card('WDQ-410403').getAttribute('data-state')).toBe('NORMAL');
    await expect(card('SLQ-410404').locator('[data-test=district-state]').textContent()).resolves.toBe('异常');
    expect(await card('SLQ-410404').locator('[data-test=district-reasons]').textContent()).toContain('1 条紧急告警未恢复');
    const xhq = (await card('XHQ-410402').locator('[data-test=district-reasons]').textContent()) ?? '';
    expect(xhq).toContain('停报：子资源信息、资源性能信息、告警类信息、协同工单信息'); // 资源信息 and 接入节点信息 were reported
    expect(await card('WDQ-410403').textContent()).toContain('各类信息按时上报');
    expect(await page.locator('[data-test=count-ABNORMAL] strong').textContent()).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'city-console-overview');

    // the card opens the district: resources with their sub-resources, the open alert, node info masked
    await card('SLQ-410404').click();
    await page.waitForURL(/\/district\?code=SLQ-410404/);
    await rowsOf(page, 'district-resources').first().waitFor();
    expect(await page.locator('[data-test=node-info]').textContent()).toContain('石龙区大数据中心');
    expect(await page.locator('[data-test=node-info]').textContent()).toContain('138****1111');
    expect(await page.locator('[data-test=node-info]').textContent()).not.toContain('13800001111');
    const resourceRow = rowsOf(page, 'district-resources').first();
    expect(await resourceRow.textContent()).toContain('石龙区核心交换机');
    await resourceRow.locator('.el-table__expand-icon').click();
    await waitFor('the sub-resources', async () =>
      ((await page.locator('[data-test="subs-SLQ-CORE-01"]').textContent()) ?? '').includes('SLQ-CORE-01:GE1/0/1'),
    );
    await page.getByRole('tab', { name: /告警/ }).click();
    await waitFor('the alert', async () => ((await rowsOf(page, 'district-alerts').first().textContent()) ?? '').includes('核心交换机端口中断'));
    expect(await rowsOf(page, 'district-alerts').first().textContent()).toContain('紧急');
    await page.getByRole('tab', { name: '上报健康' }).click();
    await waitFor('six categories', async () => (await rowsOf(page, 'district-health').count()) === 6);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('alert statistics across the districts, reports with their decrypted payload, the refusal with its code', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, ACCOUNTS.cityMonitor.username, ACCOUNTS.cityMonitor.password);
    await page.locator('[data-test=districts]').waitFor();
    await page.getByRole('menuitem', { name: '告警统计' }).click();
    await waitFor('the statistics', async () => (await page.locator('[data-test=stats-total]').count()) > 0);
    expect(await page.locator('[data-test=stats-total]').textContent()).toBe('2');
    expect(await page.locator('[data-test=stats-open]').textContent()).toBe('1');
    const byNode = await rowsOf(page, 'stats-by-node').allTextContents();
    expect(byNode).toHaveLength(3);
    expect(byNode[0]).toMatch(/^石龙区1000\s*1$/); // 紧急 1, 合计 1
    expect(byNode[1]).toMatch(/^新华区0000\s*0$/); // reported no alerts at all
    expect(byNode[2]).toMatch(/^卫东区0010\s*1$/); // one 次要, already recovered
    expect(await page.locator('[role=img]').count()).toBeGreaterThanOrEqual(4);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('menuitem', { name: '上报与拒收' }).click();
    await waitFor('the reports', async () => (await rowsOf(page, 'reports').count()) === 6 + 2 + 6);
    await page.getByLabel('区县').focus();
    await page.getByLabel('区县').press('ArrowDown');
    await page.getByRole('option', { name: '新华区', exact: true }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await waitFor('新华区 only', async () => (await rowsOf(page, 'reports').count()) === 2);
    await rowsOf(page, 'reports').filter({ hasText: '资源信息' }).getByRole('button', { name: '查看报文' }).click();
    await waitFor('the payload', async () => ((await page.locator('[data-test=report-payload]').textContent()) ?? '').includes('新华区核心交换机'));
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /拒收记录/ }).click();
    const refusal = rowsOf(page, 'refusals').first();
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/新华区\d{4}/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('issues a work order down to a district from the form; a bad phone is refused on the form', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, ACCOUNTS.cityMonitor.username, ACCOUNTS.cityMonitor.password);
    await page.locator('[data-test=districts]').waitFor();
    await page.getByRole('menuitem', { name: '协同工单' }).click();
    await waitFor('the district orders', async () => (await rowsOf(page, 'city-orders').count()) === 2); // reported by 石龙区 and 卫东区
    await page.locator('[data-test=issue-order]').click();
    const form = page.locator('[data-test=issue-form]');
    await form.getByLabel('接收区县').focus();
    await form.getByLabel('接收区县').press('ArrowDown');
    await page.getByRole('option', { name: '卫东区', exact: true }).click();
    await form.getByLabel('主题').fill('政务外网出口链路抖动排查');
    await form.getByLabel('内容').fill('请核查卫东区政务外网出口链路并反馈。');
    await form.getByLabel('联系人').fill('张伟');
    await form.getByLabel('联系电话').fill('电话号码');
    await page.locator('[data-test=issue-submit]').click();
    await waitFor('the phone refused', async () => ((await form.textContent()) ?? '').includes('联系电话只能包含数字'));
    await form.getByLabel('联系电话').fill('0371-12345678');
    await page.locator('[data-test=issue-submit]').click();
    await waitFor('the new order', async () => (await rowsOf(page, 'city-orders').count()) === 3);
    const row = rowsOf(page, 'city-orders').filter({ hasText: '政务外网出口链路抖动排查' });
    expect(await row.textContent()).toContain('卫东区');
    expect(await row.textContent()).toContain('市级下发');
    expect(await row.textContent()).toContain('待送达'); // the district's inbound is down: retried, not lost
    expect(await row.textContent()).toContain('037****5678');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an officer sees only the officers’ pages, and a district page by URL says 无权限', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, ACCOUNTS.secAdmin.username, ACCOUNTS.secAdmin.password);
    await page.locator('[data-test=welcome]').waitFor();
    expect(await menu(page)).toEqual(['区县总览', '账号管理']);
    await page.goto(`${env.url}/district?code=SLQ-410404`);
    await waitFor('无权限', async () => ((await page.textContent('body')) ?? '').includes('无权限'));
    expect(problems).toEqual([]);
    await context.close();
  });
});
