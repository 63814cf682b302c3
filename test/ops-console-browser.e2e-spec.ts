import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ACCOUNTS } from './support/accounts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { waitFor } from './support/env';
import { OpsEnv } from './support/ops-env';
import { MonitoringClient } from './support/ops-monitoring';

jest.setTimeout(240_000);

/**
 * The 运维控制台 in a real Chromium against the real ops node and MariaDB: an ops admin reads the
 * 监控总览, runs discovery and opens a resource with its sub-resources, probes the business systems
 * (one up, one down), watches an alert arrive in the live alert window, confirms it, reads its
 * history, and sees it on the overview; an officer sees only the officers' pages. Every step through
 * the screen; only the device's sample (the cause of the alert) comes through the API.
 */
describe('ops console in the browser: 监控总览, 资源信息, 应用监控, 告警窗口, 告警规则, 静默, 值班表, 系统日志', () => {
  let env: OpsEnv;
  let api: MonitoringClient;
  let browser: Browser;
  let bizUp: Server;
  let closedPort: number;

  beforeAll(async () => {
    bizUp = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => bizUp.listen(0, '127.0.0.1', r));
    // a port nobody listens on: the second business system is 中断
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    env = await OpsEnv.create();
    api = new MonitoringClient(env);
    await env.startOps({
      BUSINESS_SYSTEMS: `不动产登记系统=http://127.0.0.1:${(bizUp.address() as AddressInfo).port},社保经办系统=http://127.0.0.1:${closedPort}`,
      ALERT_NOTIFY_TICK_MS: '200',
      // the alert-rules journey waits for the notification attempts of its alert: group for a second, not ten
      ALERT_GROUP_WINDOW_SECONDS: '1',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    bizUp?.close();
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${env.opsUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登 录' }).click();
  }

  /** an Element Plus select found by its label: opened by keyboard, the option clicked */
  async function choose(page: Page, label: string, option: string): Promise<void> {
    const input = page.getByLabel(label, { exact: true });
    await input.focus();
    await input.press('ArrowDown');
    await waitFor(`the options of ${label}`, async () => (await input.getAttribute('aria-expanded')) === 'true');
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const menu = async (page: Page) => (await page.getByRole('menuitem').allTextContents()).map((t) => t.trim());
  const rowsOf = (page: Page, table: string) => page.locator(`[data-test=${table}] .el-table__body-wrapper tbody tr`);

  it('serves the console at / of the ops node', async () => {
    const res = await fetch(`${env.opsUrl}/alerts`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>运维控制台</title>');
    const apiCall = await fetch(`${env.opsUrl}/ops/api/alerts`, { headers: { accept: 'text/html,application/json' } });
    expect(apiCall.status).toBe(401);
  });

  it('pushes each alert change over Server-Sent Events to the ops staff only, and replays after a reconnect', async () => {
    const url = `${env.opsUrl}/ops/api/alerts/stream`;
    expect((await fetch(url)).status).toBe(401);
    const officer = await env.sessions.token(env.opsUrl, '/ops/api', ACCOUNTS.secAdmin);
    expect((await fetch(url, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(403);

    const token = await env.sessions.token(env.opsUrl, '/ops/api', ACCOUNTS.opsEngineer);
    const open = async (lastEventId?: string) => {
      const ctl = new AbortController();
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: ctl.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      /** the next event block of the given type */
      const next = async (type: string, match: (data: Record<string, unknown>) => boolean = () => true) => {
        for (;;) {
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const f = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
            if (f.event === type && match(JSON.parse(f.data) as Record<string, unknown>))
              return { id: f.id, data: JSON.parse(f.data) as Record<string, unknown> };
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('the stream ended');
          buffer += value;
        }
      };
      return { next, close: () => ctl.abort() };
    };

    const live = await open();
    await live.next('ping'); // opened
    // an external collector's metric: known to the node once its first sample arrived (a rule for an unknown metric is refused)
    await api.push([{ resourceId: 'FW-01', metric: 'chassis.temp', value: 40, unit: '℃' }]);
    await api.createRule({
      name: '机箱温度',
      metric: 'chassis.temp',
      resourceId: 'FW-01',
      comparator: '>=',
      threshold: 80,
      forSeconds: 0,
      severity: 'CRITICAL',
    });
    const fired = await api.push([{ resourceId: 'FW-01', metric: 'chassis.temp', value: 88, unit: '℃' }]);
    const alertId = fired.fired[0];
    const pushed = await live.next('alert', (d) => d.alertId === alertId);
    expect(pushed.data).toEqual(expect.objectContaining({ alertId, status: 'FIRING', severity: 'CRITICAL', resourceId: 'FW-01' }));
    // an acknowledgement by someone else is pushed too, with the actor
    await api.send('POST', `/alerts/${alertId}/ack`, { comment: '值班已知悉' });
    const acked = await live.next('alert', (d) => d.alertId === alertId && d.status === 'ACKNOWLEDGED');
    expect(acked.data.acknowledgedBy).toBe(ACCOUNTS.opsAdmin.username);
    live.close();
    // closed while nobody watches (the journey below starts with no open alert)
    await api.send('POST', `/alerts/${alertId}/close`, { comment: '风扇已更换' });

    // a reconnect with the last event id seen gets what changed since, as it is now (the overlap may repeat; nothing is lost)
    const again = await open(pushed.id);
    const replayed = await again.next('alert', (d) => d.alertId === alertId);
    expect(replayed.data).toEqual(expect.objectContaining({ alertId, status: 'CLOSED', closedBy: ACCOUNTS.opsAdmin.username }));
    again.close();
  });

  it('walks an ops admin through the overview, resources, application probes and the alert window', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await page.goto(`${env.opsUrl}/`);
      await page.waitForURL(/\/login/);
      await expect(page.getByRole('heading', { name: '运维控制台' }).isVisible()).resolves.toBe(true);
      await signIn(page, ACCOUNTS.opsAdmin.username, ACCOUNTS.opsAdmin.password);
      await page.waitForURL(`${env.opsUrl}/`);
      expect(await menu(page)).toEqual([
        '监控总览',
        '资源信息',
        '应用监控',
        '性能监管',
        '告警窗口',
        '告警统计',
        '告警规则',
        '静默与维护窗口',
        '值班表',
        '系统日志',
        '工单管理',
      ]);

      // ---- 监控总览: device totals from discovery at boot, the topology as a picture with words
      const totals = page.locator('[data-test=device-totals]');
      await totals.locator('[data-test=class-NETWORK_DEVICE]').waitFor();
      const discovered = await env.json<{ resourceId: string; resourceClass: string; name: string }[]>(`${env.opsUrl}/ops/api/resources`);
      expect(await totals.locator('.big').textContent()).toBe(String(discovered.length));
      const networkDevices = discovered.filter((r) => r.resourceClass === 'NETWORK_DEVICE').length;
      expect(await totals.locator('[data-test=class-NETWORK_DEVICE] td').first().textContent()).toBe(String(networkDevices));
      const topology = page.locator('[data-test=topology]');
      await waitFor('the topology drawn', async () => (await topology.locator('canvas').count()) > 0);
      expect(await topology.getAttribute('aria-label')).toContain(`共 ${discovered.length} 个资源`);
      expect(await page.locator('[data-test=open-alerts]').textContent()).toBe('0');
      expect(await accessibilityViolations(page)).toEqual([]);

      // ---- 资源信息: discovery on demand, filter, a resource's sub-resources
      await page.getByRole('menuitem', { name: '资源信息' }).click();
      await page.waitForURL(`${env.opsUrl}/resources`);
      await rowsOf(page, 'resource-table').first().waitFor();
      await page.locator('[data-test=discover]').click();
      await page.getByText(/自动发现完成：\d+ 个资源，\d+ 个子资源/).waitFor();
      await page.getByLabel('编号/名称/IP').fill('NET-ACC');
      await waitFor('only the access switch listed', async () => {
        const ids = (await rowsOf(page, 'resource-table').locator('td:first-child').allTextContents()).map((t) => t.trim());
        return ids.length === 1 && ids[0] === 'NET-ACC-01';
      });
      await rowsOf(page, 'resource-table').first().getByRole('button', { name: /^查看/ }).click();
      const drawer = page.locator('.el-drawer');
      await drawer.locator('[data-test=resource-facts]').waitFor();
      expect(await drawer.locator('[data-test=resource-facts]').textContent()).toContain('网络设备');
      expect(await drawer.locator('[data-test=sub-resources] tbody tr').count()).toBeGreaterThan(0);
      expect(await drawer.locator('[data-test=sub-resources]').textContent()).toContain('端口');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-resource');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // ---- 应用监控: probe both systems now; one 正常 in green, one 中断 in red
      await page.getByRole('menuitem', { name: '应用监控' }).click();
      await page.waitForURL(`${env.opsUrl}/app-monitoring`);
      const apps = rowsOf(page, 'app-table');
      await waitFor('both business systems listed', async () => (await apps.count()) === 2);
      for (const name of ['不动产登记系统', '社保经办系统']) {
        await page.getByRole('button', { name: `立即探测 ${name}` }).click();
        await page
          .getByText(new RegExp(`^${name}：`))
          .first()
          .waitFor();
      }
      const stateOf = async (name: string) => {
        const row = apps.filter({ hasText: name });
        const cell = row.locator('[data-colour]');
        return [(await cell.textContent())?.trim(), await cell.getAttribute('data-colour')];
      };
      await waitFor('the probes shown', async () => (await stateOf('不动产登记系统'))[0] === '正常' && (await stateOf('社保经办系统'))[0] === '中断');
      expect(await stateOf('不动产登记系统')).toEqual(['正常', 'green']);
      expect(await stateOf('社保经办系统')).toEqual(['中断', 'red']);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-app-monitoring');

      // ---- 告警窗口: open and empty; a device reports 75 ℃ against a 70 ℃ rule; the window tells
      await page.getByRole('menuitem', { name: '告警窗口' }).click();
      await page.waitForURL(`${env.opsUrl}/alerts`);
      // the server's push is open: the new alert below reaches the window through it (the list itself re-reads only every 30 s)
      await page.locator('[data-test=live-state]').filter({ hasText: '实时推送已连接' }).waitFor();
      // what is open already (the probe of the closed port may have raised a 中断 alert) is listed once loaded
      const openBefore = await env.json<unknown[]>(`${env.opsUrl}/ops/api/alerts?status=FIRING`);
      await page.getByText(`告警 ${openBefore.length} 条`).waitFor();
      await api.createRule({
        name: '温度过高',
        metric: 'temperature',
        resourceId: 'NET-ACC-01',
        comparator: '>=',
        threshold: 70,
        forSeconds: 0,
        severity: 'MAJOR',
      });
      const fired = await api.push([{ resourceId: 'NET-ACC-01', metric: 'temperature', value: 75, unit: '℃' }]);
      expect(fired.fired).toHaveLength(1);
      const alertId = fired.fired[0];
      await page.locator('.el-notification').filter({ hasText: '新告警 · 重要' }).waitFor();
      expect(await page.locator('.el-notification').filter({ hasText: '新告警 · 重要' }).textContent()).toContain('NET-ACC-01');
      const alertRow = rowsOf(page, 'alert-table').filter({ hasText: alertId });
      await alertRow.waitFor();
      expect(await alertRow.locator('[data-test=alert-status]').textContent()).toBe('告警中');

      // confirm it with a note: the status changes, the actor is the session's account
      await page.getByRole('button', { name: `确认告警 ${alertId}` }).click();
      const dialog = page.getByRole('dialog', { name: '确认告警' });
      await dialog.waitFor();
      await dialog.getByLabel('处理说明（可选）').fill('已安排现场检查机房空调');
      await dialog.locator('[data-test=act-confirm]').click();
      await dialog.waitFor({ state: 'hidden' });
      await waitFor('the alert shown as confirmed', async () => (await alertRow.locator('[data-test=alert-status]').textContent()) === '已确认');
      await page.getByRole('button', { name: `查看告警 ${alertId}` }).click();
      const facts = page.locator('.el-drawer [data-test=alert-facts]');
      await facts.waitFor();
      expect(await facts.textContent()).toContain(`${ACCOUNTS.opsAdmin.username} `);
      const history = page.locator('.el-drawer [data-test=alert-history]');
      await waitFor('two steps in the history', async () => (await history.locator('.el-timeline-item').count()) >= 2);
      expect(await history.textContent()).toContain(ACCOUNTS.opsAdmin.username);
      expect(await history.textContent()).toContain('已安排现场检查机房空调');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-alert');
      await page.keyboard.press('Escape');

      // ---- back on the overview: the alert counted and the switch named in the picture's words
      await page.getByRole('menuitem', { name: '监控总览' }).click();
      await page.waitForURL(`${env.opsUrl}/`);
      await waitFor('the open alert counted', async () => Number(await page.locator('[data-test=alerts-MAJOR]').textContent()) >= 1);
      const accessSwitch = discovered.find((r) => r.resourceId === 'NET-ACC-01')!;
      await waitFor('the switch named in the topology', async () => (await topology.getAttribute('aria-label'))?.includes(`${accessSwitch.name}严重告警`));
      expect(await page.locator('[data-test=recent-alerts]').textContent()).toContain('温度');
      expect(await page.locator('[data-test=apps-red]').textContent()).toBe('1');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-overview');

      // ---- 性能监管: the switch's temperature over the last hour — the numbers beside the chart are the samples'
      const now = Date.now();
      const temps = [61, 64, 66, 75];
      // the rule's sample above is one more; these are spread over the last 40 minutes, before it
      await api.push(
        temps.slice(0, 3).map((value, i) => ({
          resourceId: 'NET-ACC-01',
          metric: 'temperature',
          value,
          unit: '℃',
          sampledAt: new Date(now - (40 - i * 10) * 60_000).toISOString(),
        })),
      );
      await page.getByRole('menuitem', { name: '性能监管' }).click();
      await page.waitForURL(`${env.opsUrl}/performance`);
      await choose(page, '资源', `${accessSwitch.name}（NET-ACC-01）`);
      await choose(page, '指标', 'temperature');
      await choose(page, '时间范围', '近 1 小时');
      const numbers = page.locator('[data-test=perf-numbers]');
      await waitFor('the four samples counted', async () => (await numbers.locator('[data-test=perf-count]').textContent()) === '4');
      expect(await numbers.locator('[data-test=perf-avg]').textContent()).toBe(String((61 + 64 + 66 + 75) / 4));
      expect(await numbers.locator('[data-test=perf-latest]').textContent()).toBe('75℃');
      expect(await page.locator('[data-test=perf-chart]').getAttribute('aria-label')).toContain('4 个样本，平均 66.5，最小 61，最大 75℃');
      // the ops admin sets this metric's own sampling interval
      expect(await numbers.locator('[data-test=perf-interval]').textContent()).toContain('（默认）');
      await numbers.locator('[data-test=edit-interval]').click();
      await page.getByLabel('本资源本指标的采集间隔（秒，0 为不采集）').fill('30');
      await numbers.locator('[data-test=save-interval]').click();
      await waitFor('the interval shown as this metric’s own', async () =>
        (await numbers.locator('[data-test=perf-interval]').textContent())?.includes('30 秒（本资源本指标）'),
      );
      const intervals = await env.json<{ settings: { resourceId: string; metric: string; intervalSeconds: number }[] }>(
        `${env.opsUrl}/ops/api/performance/intervals`,
      );
      expect(intervals.settings).toContainEqual(expect.objectContaining({ resourceId: 'NET-ACC-01', metric: 'temperature', intervalSeconds: 30 }));
      expect(await page.locator('[data-test=perf-summary] tbody tr').count()).toBeGreaterThan(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-performance');

      // ---- 告警统计: today's alerts by 级别, as the API counts them
      await page.getByRole('menuitem', { name: '告警统计' }).click();
      await page.waitForURL(`${env.opsUrl}/alert-stats`);
      await choose(page, '时间范围', '今天');
      const raisedToday = await env.json<{ severity: string }[]>(`${env.opsUrl}/ops/api/alerts?limit=500`);
      await waitFor('today’s total', async () => (await page.locator('[data-test=stats-total]').textContent()) === String(raisedToday.length));
      const bySeverity = Object.fromEntries(
        (await page.locator('[data-test=stats-by-severity] tbody tr').allTextContents()).map((t) => [
          t.replace(/\d+$/, '').trim(),
          Number(/(\d+)$/.exec(t)?.[1]),
        ]),
      );
      expect(bySeverity['重要']).toBe(raisedToday.filter((a) => a.severity === 'MAJOR').length);
      expect(bySeverity['重要']).toBeGreaterThanOrEqual(1);
      expect(await page.locator('[data-test=stats-by-resource]').textContent()).toContain('NET-ACC-01');
      expect(await page.locator('[data-test=stats-over-time]').getAttribute('aria-label')).toContain(`共 ${raisedToday.length} 条`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-alert-stats');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('walks an ops admin through 值班表, 告警规则, the notification attempts in 告警窗口, 静默与维护窗口 and 系统日志', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, ACCOUNTS.opsAdmin.username, ACCOUNTS.opsAdmin.password);
      await page.waitForURL(`${env.opsUrl}/`);

      // ---- 值班表: the A 角 added through the form; the list masks the mailbox and the mobile
      await page.getByRole('menuitem', { name: '值班表' }).click();
      await page.waitForURL(`${env.opsUrl}/on-call`);
      // the roster the node was seeded with (ON_CALL_SEED), listed once loaded
      const seeded = await env.json<{ people: unknown[] }>(`${env.opsUrl}/ops/api/on-call`);
      await page.getByText(`值班人员 ${seeded.people.length} 人`).waitFor();
      await page.locator('[data-test=on-call-create]').click();
      const ocForm = page.locator('[data-test=on-call-form]');
      await ocForm.waitFor();
      await ocForm.getByLabel('姓名', { exact: true }).fill('张伟');
      await ocForm.getByLabel('手机号码', { exact: true }).fill('1381234');
      await ocForm.locator('[data-test=on-call-save]').click();
      await ocForm.getByText('手机号码应为 11 位大陆手机号').waitFor();
      await ocForm.getByLabel('手机号码', { exact: true }).fill('13812345678');
      await ocForm.getByLabel('电子邮箱', { exact: true }).fill('zhangwei@slq.example.gov.cn');
      await ocForm.locator('[data-test=on-call-save]').click();
      await ocForm.waitFor({ state: 'hidden' });
      const person = rowsOf(page, 'on-call-table').filter({ hasText: '张伟' });
      await person.waitFor();
      expect(await person.locator('[data-test=on-call-mobile]').textContent()).toBe('138****5678');
      expect(await person.textContent()).toContain('z***@slq.example.gov.cn');
      expect(await person.textContent()).not.toContain('13812345678');
      const roster = await env.json<{ people: { name: string; role: string; mobile: string }[] }>(`${env.opsUrl}/ops/api/on-call`);
      expect(roster.people).toContainEqual(expect.objectContaining({ name: '张伟', role: 'A', mobile: '13812345678' }));
      expect(await accessibilityViolations(page)).toEqual([]);

      // ---- 告警规则: the form's own checks, then a rule on the firewall's CPU
      await page.getByRole('menuitem', { name: '告警规则' }).click();
      await page.waitForURL(`${env.opsUrl}/alert-rules`);
      await rowsOf(page, 'rule-table').first().waitFor();
      await page.locator('[data-test=rule-create]').click();
      const ruleForm = page.locator('[data-test=rule-form]');
      await ruleForm.waitFor();
      await ruleForm.locator('[data-test=rule-save]').click();
      await ruleForm.getByText('请填写规则名称').waitFor();
      await ruleForm.getByText('请填写告警阈值').waitFor();
      await ruleForm.getByLabel('规则名称', { exact: true }).fill('防火墙CPU过高');
      await ruleForm.getByLabel('指标', { exact: true }).fill('cpu.usage');
      await ruleForm.getByLabel('资源编号', { exact: true }).fill('FW-01');
      await choose(page, '比较符', '>（大于）');
      await ruleForm.getByLabel('告警阈值', { exact: true }).fill('85');
      await ruleForm.getByLabel('恢复阈值', { exact: true }).fill('90');
      await choose(page, '告警级别', '紧急');
      await ruleForm.locator('[data-test=rule-save]').click();
      await ruleForm.getByText('恢复阈值应位于告警阈值的正常一侧').waitFor();
      await ruleForm.getByLabel('恢复阈值', { exact: true }).fill('80');
      await ruleForm.locator('[data-test=rule-save]').click();
      await ruleForm.waitFor({ state: 'hidden' });
      const ruleRow = rowsOf(page, 'rule-table').filter({ hasText: '防火墙CPU过高' });
      await ruleRow.waitFor();
      expect(await ruleRow.locator('[data-test=rule-condition]').textContent()).toBe('cpu.usage > 85');
      const rules = await env.json<{ id: number; name: string; resourceId: string; recoveryThreshold: number; severity: string }[]>(
        `${env.opsUrl}/ops/api/alert-rules`,
      );
      const rule = rules.find((r) => r.name === '防火墙CPU过高')!;
      expect(rule).toEqual(expect.objectContaining({ resourceId: 'FW-01', recoveryThreshold: 80, severity: 'CRITICAL' }));
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-alert-rules');

      // ---- the firewall reports 93 %: the rule fires; its notification attempts show in the alert's drawer
      const fired = await api.push([{ resourceId: 'FW-01', metric: 'cpu.usage', value: 93, unit: '%' }]);
      expect(fired.fired).toHaveLength(1);
      const alertId = fired.fired[0];
      const tried = await waitFor('the alert notified', async () => {
        const list = await api.get<{ channel: string; recipient: string; status: string }[]>(`/notifications/attempts?alertId=${alertId}`);
        return list.length > 0 && list;
      });
      await page.getByRole('menuitem', { name: '告警窗口' }).click();
      await page.waitForURL(`${env.opsUrl}/alerts`);
      await page.getByRole('button', { name: `查看告警 ${alertId}` }).click();
      const attempts = page.locator('.el-drawer [data-test=alert-attempts] .el-table__body-wrapper tbody tr');
      await waitFor('the attempts listed', async () => (await attempts.count()) >= tried.length);
      const shown = await page.locator('.el-drawer [data-test=alert-attempts]').textContent();
      const CHANNEL: Record<string, string> = { email: '邮件', sms: '短信', voice: '语音电话' };
      for (const a of tried) expect(shown).toContain(CHANNEL[a.channel]);
      // the new A 角 is among those notified, masked like every recipient
      expect(tried.map((a) => a.recipient)).toEqual(expect.arrayContaining([expect.stringMatching(/^(zhangwei@slq\.example\.gov\.cn|13812345678)$/)]));
      if (tried.some((a) => a.recipient === 'zhangwei@slq.example.gov.cn')) expect(shown).toContain('z***@slq.example.gov.cn');
      if (tried.some((a) => a.recipient === '13812345678')) expect(shown).toContain('138****5678');
      for (const a of tried) expect(shown).not.toContain(a.recipient);
      expect(await page.locator('.el-drawer [data-test=alert-escalation]').textContent()).toMatch(/(第 \d+\/\d+|共 \d+) 步/);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-alert-notifications');
      await page.keyboard.press('Escape');

      // ---- 静默与维护窗口: the firewall's maintenance for two hours (Beijing time), then ended early
      await page.getByRole('menuitem', { name: '静默与维护窗口' }).click();
      await page.waitForURL(`${env.opsUrl}/alert-silences`);
      await page.getByText('静默与维护窗口 0 条').waitFor();
      await page.locator('[data-test=silence-create]').click();
      const silenceForm = page.locator('[data-test=silence-form]');
      await silenceForm.waitFor();
      await silenceForm.locator('[data-test=silence-save]').click();
      await silenceForm.getByText('请选择结束时间（北京时间）').waitFor();
      await silenceForm.getByText('请填写原因').waitFor();
      await silenceForm.getByText('维护窗口', { exact: true }).click();
      await silenceForm.getByLabel('资源编号', { exact: true }).fill('FW-01');
      const endsAt = new Date(Date.now() + 2 * 3600_000);
      const wall = new Date(endsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      const endInput = silenceForm.getByLabel('结束时间');
      await endInput.fill(wall);
      await endInput.press('Enter');
      await silenceForm.getByLabel('原因').fill('防火墙策略调整');
      await silenceForm.locator('[data-test=silence-save]').click();
      await silenceForm.waitFor({ state: 'hidden' });
      const silenceRow = rowsOf(page, 'silence-table').filter({ hasText: '防火墙策略调整' });
      await silenceRow.waitFor();
      expect(await silenceRow.locator('[data-test=silence-state]').textContent()).toBe('生效中');
      expect(await silenceRow.textContent()).toContain('资源 FW-01');
      expect(await silenceRow.textContent()).toContain(wall);
      const silences = await env.json<{ id: number; kind: string; resourceId: string; endsAt: string; createdBy: string }[]>(
        `${env.opsUrl}/ops/api/alert-silences`,
      );
      expect(silences).toHaveLength(1);
      expect(silences[0]).toEqual(expect.objectContaining({ kind: 'MAINTENANCE', resourceId: 'FW-01', createdBy: ACCOUNTS.opsAdmin.username }));
      expect(Date.parse(silences[0].endsAt)).toBe(Math.floor(endsAt.getTime() / 1000) * 1000);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ops-console-alert-silences');
      await silenceRow.getByRole('button', { name: `提前结束 ${silences[0].id}` }).click();
      await page.locator('.el-message-box').getByRole('button', { name: '提前结束' }).click();
      await page.getByText('静默与维护窗口 0 条').waitFor();
      await page.locator('[data-test=silence-expired]').click();
      await waitFor('the ended window listed', async () => (await rowsOf(page, 'silence-table').filter({ hasText: '防火墙策略调整' }).count()) === 1);
      expect(await silenceRow.locator('[data-test=silence-state]').textContent()).toBe('已提前结束');

      // ---- 系统日志: the rule's creation, by the session's account
      await page.getByRole('menuitem', { name: '系统日志' }).click();
      await page.waitForURL(`${env.opsUrl}/system-log`);
      await rowsOf(page, 'log-table').first().waitFor();
      await choose(page, '类别', '告警规则');
      await page.getByLabel('事件').fill('RULE_CREATED');
      await page.locator('[data-test=log-search]').click();
      const created = rowsOf(page, 'log-table').filter({ hasText: '防火墙CPU过高' });
      await created.waitFor();
      await waitFor('only rule creations listed', async () =>
        (await rowsOf(page, 'log-table').locator('[data-test=log-event]').allTextContents()).every((t) => t === 'RULE_CREATED'),
      );
      expect(await created.textContent()).toContain(ACCOUNTS.opsAdmin.username);
      await created.getByRole('button', { name: /^查看日志/ }).click();
      const logFacts = page.locator('.el-drawer [data-test=log-facts]');
      await logFacts.waitFor();
      expect(await logFacts.textContent()).toContain(String(rule.id));
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      // the alert's own entries, by its number
      await page.getByRole('button', { name: '重置' }).click();
      await page.getByLabel('告警编号').fill(alertId);
      await page.locator('[data-test=log-search]').click();
      await waitFor('the alert’s firing logged', async () =>
        (await rowsOf(page, 'log-table').locator('[data-test=log-event]').allTextContents()).includes('ALERT_FIRING'),
      );
      // the notification entries name the addresses: masked on the screen
      await waitFor('the alert’s notification attempts logged', async () =>
        (await rowsOf(page, 'log-table').locator('[data-test=log-event]').allTextContents()).includes('NOTIFY_ATTEMPT'),
      );
      const logText = await page.locator('[data-test=log-table]').textContent();
      expect(logText).not.toContain('13812345678');
      expect(logText).not.toContain('zhangwei@');
      await screenshot(page, 'ops-console-system-log');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets an ops engineer read 告警规则, 静默与维护窗口 and 值班表 without changing them', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, ACCOUNTS.opsEngineer.username, ACCOUNTS.opsEngineer.password);
      await page.waitForURL(`${env.opsUrl}/`);
      await page.getByRole('menuitem', { name: '告警规则' }).click();
      await page.waitForURL(`${env.opsUrl}/alert-rules`);
      await rowsOf(page, 'rule-table').first().waitFor();
      await page.getByText('仅运维管理员可修改告警规则').waitFor();
      expect(await page.locator('[data-test=rule-create]').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^修改规则/ }).count()).toBe(0);
      await page.getByRole('menuitem', { name: '静默与维护窗口' }).click();
      await page.waitForURL(`${env.opsUrl}/alert-silences`);
      await page.getByText('仅运维管理员可设置静默与维护窗口').waitFor();
      expect(await page.locator('[data-test=silence-create]').count()).toBe(0);
      await page.getByRole('menuitem', { name: '值班表' }).click();
      await page.waitForURL(`${env.opsUrl}/on-call`);
      await rowsOf(page, 'on-call-table').first().waitFor();
      await page.getByText('仅运维管理员可修改值班表').waitFor();
      expect(await page.getByRole('button', { name: /^删除值班人员/ }).count()).toBe(0);
      // the engineer's own call is refused by the API too: the roles are the server's
      const token = await env.sessions.token(env.opsUrl, '/ops/api', ACCOUNTS.opsEngineer);
      const refused = await fetch(`${env.opsUrl}/ops/api/alert-rules`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '越权', metric: 'cpu.usage', comparator: '>', threshold: 1, severity: 'MINOR' }),
      });
      expect(refused.status).toBe(403);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives an officer only the officers’ pages, and 无权限 on the monitoring pages', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, ACCOUNTS.secAdmin.username, ACCOUNTS.secAdmin.password);
      await page.locator('[data-test=welcome]').waitFor();
      expect(await menu(page)).toEqual(['监控总览', '账号管理']);
      await page.goto(`${env.opsUrl}/alerts`);
      const refusal = page.locator('[data-test=no-permission]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('告警窗口仅限');
      await page.goto(`${env.opsUrl}/work-orders`);
      await page.locator('[data-test=no-permission]').filter({ hasText: '工单管理仅限' }).waitFor();
      await page.getByRole('menuitem', { name: '账号管理' }).click();
      await page.waitForURL(`${env.opsUrl}/accounts`);
      await page.locator('[data-test=account-table] tbody tr').filter({ hasText: ACCOUNTS.opsEngineer.username }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
