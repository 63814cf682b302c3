import type { Browser, Page } from 'playwright-core';
import { ACCOUNTS, login, TestAccount } from './support/accounts';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { waitFor } from './support/env';
import { ExchangeEnv } from './support/exchange-env';

/**
 * The 审批账号's and the officers' screens of the 综窗受理工作台 in a real Chromium against the
 * real platform and MariaDB: the security administrator creates a clerk's account and hands over
 * the one-time password, the clerk signs in, must change it and sees none of the officers' pages;
 * the approver holds dispatch to a department and releases it; the audit officer finds all of it
 * in the audit log with the session's account as the actor. Every step through the screen.
 */
describe('workbench in the browser: 账号管理, 分发暂停, 审计日志', () => {
  let env: ExchangeEnv;
  let browser: Browser;
  const NEW_CLERK = { username: 'window03', displayName: '赵六', windowNo: '03', password: 'Xinmima#2026a' };

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${env.platformUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登 录' }).click();
  }

  async function signOut(page: Page): Promise<void> {
    // the logout call finished before the next sign-in navigates (which would abort it)
    const done = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/api/v1/auth/logout'));
    await page.locator('[data-test=logout]').click();
    await done;
    await page.waitForURL(/\/login/);
  }

  /**
   * The home page of a clerk or approver asks for its queue counts as it opens; leaving before they are
   * answered aborts those calls (a console error the journey would report). Wait until every count is shown.
   */
  async function homeSettled(page: Page): Promise<void> {
    const counts = page.locator('[data-test=queue-counts] .queue-count');
    await counts.first().waitFor();
    await waitFor('the queue counts on the home page', async () => (await counts.allTextContents()).every((t) => /^\d+$/.test(t.trim())));
  }

  const menu = async (page: Page) => (await page.getByRole('menuitem').allTextContents()).map((t) => t.trim());

  /** an Element Plus select: found by its label, opened by keyboard, the option picked */
  async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, option: string): Promise<void> {
    await openSelect(scope, label);
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  async function openSelect(scope: ReturnType<Page['locator']>, label: string): Promise<void> {
    const input = scope.getByLabel(label, { exact: true });
    await input.focus();
    await input.press('ArrowDown');
    await waitFor(`the options of ${label}`, async () => (await input.getAttribute('aria-expanded')) === 'true');
  }

  /** the form's own message under a field */
  const fieldError = (scope: ReturnType<Page['locator']>, text: string) => scope.locator('.el-form-item__error', { hasText: text });

  /** an instant as the date pickers take it: Beijing wall time, to the second */
  const beijingWall = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

  /** `2026-12-02 22:31:05` as shown (Beijing time) → the instant */
  const shownInstant = (text: string) => new Date(`${text.trim().replace(' ', 'T')}+08:00`).getTime();

  it('walks the security admin, a new clerk, the approver and the audit officer through their pages', async () => {
    const journeyStart = Date.now();
    const { context, page, problems } = await openPage(browser);
    try {
      // ---- 安全管理员: the 账号管理 menu, no 分发暂停, no 审计日志 (三员分立)
      await signIn(page, ACCOUNTS.secAdmin.username, ACCOUNTS.secAdmin.password);
      await page.locator('[data-test=welcome]').waitFor();
      expect(await menu(page)).toEqual(['工作台首页', '账号管理']);
      await page.getByRole('menuitem', { name: '账号管理' }).click();
      await page.waitForURL(`${env.platformUrl}/accounts`);
      const accountRows = page.locator('[data-test=account-table] .el-table__body-wrapper tbody tr');
      await accountRows.filter({ hasText: ACCOUNTS.clerk.username }).waitFor();
      // the seeded accounts, the admin's own without actions
      expect(await accountRows.filter({ hasText: ACCOUNTS.secAdmin.username }).textContent()).toContain('（本人账号）');
      expect(await page.locator('.el-breadcrumb').textContent()).toContain('账号管理');
      expect(await accessibilityViolations(page)).toEqual([]);

      // 新建账号: the form refuses what is missing, in Chinese, before asking the server
      await page.locator('[data-test=account-create]').click();
      const form = page.getByRole('dialog', { name: '新建账号' });
      await form.waitFor();
      await form.locator('[data-test=account-form-submit]').click();
      await fieldError(form, '请输入用户名').waitFor();
      expect(await fieldError(form, '请选择角色').isVisible()).toBe(true);
      // a user name taken: the platform's refusal, in Chinese with its code, in the form
      await form.getByLabel('用户名').fill(ACCOUNTS.clerk.username);
      await form.getByLabel('姓名').fill(NEW_CLERK.displayName);
      await choose(page, form, '角色', '窗口人员');
      // a clerk needs a window
      await form.locator('[data-test=account-form-submit]').click();
      await fieldError(form, '窗口人员、审批账号须填写窗口号').waitFor();
      // the install-only officers are not offered
      await openSelect(form, '角色');
      expect(await page.getByRole('option', { name: '安全管理员' }).count()).toBe(0);
      expect(await page.getByRole('option', { name: '审计管理员' }).count()).toBe(0);
      await page.getByRole('option', { name: '窗口人员', exact: true }).click();
      await form.getByLabel('窗口号').fill(NEW_CLERK.windowNo);
      await form.getByLabel('窗口号').press('Enter');
      const taken = form.getByRole('alert').filter({ hasText: '账号已存在' });
      await taken.waitFor();
      expect(await taken.textContent()).toMatch(/^账号已存在：window01（代码 6006，流水号 [0-9a-f-]{36}）$/);
      expect(await accessibilityViolations(page)).toEqual([]);
      // the right name, submitted by keyboard
      await form.getByLabel('用户名').fill(NEW_CLERK.username);
      await form.getByLabel('用户名').press('Enter');

      // the one-time password, once
      const issued = page.getByRole('dialog', { name: '一次性初始密码' });
      await issued.waitFor();
      const initialPassword = ((await issued.locator('[data-test=one-time-password]').textContent()) ?? '').trim();
      expect(initialPassword.length).toBeGreaterThanOrEqual(8);
      expect(await issued.textContent()).toContain('只显示这一次');
      expect(await issued.textContent()).toContain(`${NEW_CLERK.displayName}（${NEW_CLERK.username}，窗口人员）`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-account-created');
      await issued.getByRole('button', { name: '我已告知，关闭' }).click();
      await issued.waitFor({ state: 'hidden' });
      expect(await page.locator('[data-test=one-time-password]').count()).toBe(0);
      const created = accountRows.filter({ hasText: NEW_CLERK.username });
      await created.waitFor();
      expect(await created.textContent()).toMatch(/赵六\s*窗口人员\s*03\s*启用\s*待改密/);
      await signOut(page);

      // ---- the new clerk: the one-time password, then a password of their own first
      await signIn(page, NEW_CLERK.username, initialPassword);
      await page.waitForURL(`${env.platformUrl}/password`);
      expect(await page.getByText('首次登录、密码被重置或已过期').isVisible()).toBe(true);
      await page.getByLabel('原密码').fill(initialPassword);
      await page.getByLabel('新密码', { exact: true }).fill(NEW_CLERK.password);
      await page.getByLabel('确认新密码').fill(NEW_CLERK.password);
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.waitForURL(`${env.platformUrl}/`);
      await expect(page.locator('[data-test=welcome]').textContent()).resolves.toContain(`${NEW_CLERK.displayName}（窗口人员）`);
      await homeSettled(page);
      expect(await page.locator('.console-account').textContent()).toContain('窗口 03');
      // a clerk's menu: no 分发暂停, no 账号管理, no 审计日志
      expect(await menu(page)).toEqual(['工作台首页', '事项目录', '受理登记', '申报件办理', '电子监察']);
      // by URL: the pages say 无权限 (and call nothing the server would refuse)
      for (const [path, what] of [
        ['/dispatch-holds', '分发暂停仅限审批账号使用'],
        ['/accounts', '账号管理仅限安全管理员使用'],
        ['/audit-logs', '审计日志仅限审计管理员使用'],
      ]) {
        await page.goto(`${env.platformUrl}${path}`);
        const refusal = page.locator('[data-test=no-permission]');
        await refusal.waitFor();
        expect(await refusal.textContent()).toContain('无权限');
        expect(await refusal.textContent()).toContain(what);
      }
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-no-permission');
      await signOut(page);

      // ---- 审批账号: hold dispatch to a department with a reason, then release it
      await signIn(page, ACCOUNTS.approver.username, ACCOUNTS.approver.password);
      await page.locator('[data-test=welcome]').waitFor();
      await homeSettled(page);
      expect(await menu(page)).toEqual(['工作台首页', '事项目录', '受理登记', '申报件办理', '电子监察', '分发暂停']);
      await page.getByRole('menuitem', { name: '分发暂停' }).click();
      await page.waitForURL(`${env.platformUrl}/dispatch-holds`);
      const holdRows = page.locator('[data-test=hold-table] .el-table__body-wrapper tbody tr');
      await holdRows.first().waitFor();
      // every department of the exchange, by code and name
      const departments = env.topology.departments.map((d) => d.code).sort();
      const shownDepts = (await holdRows.locator('td:nth-child(1)').allTextContents()).map((t) => t.trim());
      expect(shownDepts).toEqual(departments.slice(0, 10));
      expect(await page.locator('[data-test=hold-summary]').textContent()).toMatch(/0 个暂停中/);
      expect(await accessibilityViolations(page)).toEqual([]);

      const dept = shownDepts[0];
      const deptName = env.topology.departments.find((d) => d.code === dept)?.name ?? dept;
      const row = holdRows.filter({ has: page.locator('td:nth-child(1)', { hasText: new RegExp(`^${dept}$`) }) });
      expect(await row.locator('td:nth-child(2)').textContent()).toBe(deptName);
      expect(await row.textContent()).toContain('正常分发');
      await row.getByRole('button', { name: '暂停分发' }).click();
      const dialog = page.getByRole('dialog', { name: `暂停向 ${deptName}（${dept}）分发` });
      await dialog.waitFor();
      // no reason: refused on the screen
      await dialog.locator('[data-test=hold-submit]').click();
      await fieldError(dialog, '请输入暂停原因').waitFor();
      await dialog.getByLabel('暂停原因').fill('前置库维护');
      await dialog.getByLabel('暂停时长（分钟）').fill('45');
      expect(await accessibilityViolations(page)).toEqual([]);
      const heldAt = Date.now();
      await dialog.locator('[data-test=hold-submit]').click();
      await dialog.waitFor({ state: 'hidden' });
      await waitFor('the department shown as held', async () => (await row.textContent())?.includes('暂停中'));
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      expect(cells[4]).toBe('前置库维护');
      expect(cells[6]).toBe(ACCOUNTS.approver.username);
      // 暂停时间 and 暂停至 in Beijing time (the browser runs in London): now, and 45 minutes from then
      expect(cells[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(cells[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(Math.abs(shownInstant(cells[5]) - heldAt)).toBeLessThan(3 * 60_000);
      expect(Math.abs(shownInstant(cells[7]) - shownInstant(cells[5]) - 45 * 60_000)).toBeLessThanOrEqual(1000);
      expect(await page.locator('[data-test=hold-summary]').textContent()).toMatch(/1 个暂停中/);
      // what the screen says is what the platform holds
      const [held] = await env.platformQuery<{ reason: string; held_by: string }>('SELECT reason, held_by FROM dispatch_hold WHERE dept_code = ?', [dept]);
      expect(held).toEqual({ reason: '前置库维护', held_by: ACCOUNTS.approver.username });
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-dispatch-hold');

      // release, after a confirmation (cancel first: nothing changes)
      await row.getByRole('button', { name: '恢复分发' }).click();
      const confirm = page.locator('.el-message-box');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain(`恢复向 ${deptName}（${dept}）分发？`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await confirm.getByRole('button', { name: '取消' }).click();
      await confirm.waitFor({ state: 'hidden' });
      expect(await row.textContent()).toContain('暂停中');
      await row.getByRole('button', { name: '恢复分发' }).click();
      await confirm.waitFor();
      await confirm.getByRole('button', { name: '恢复分发' }).click();
      await waitFor('the department shown as dispatching again', async () => (await row.textContent())?.includes('正常分发'));
      expect(await row.locator('td:nth-child(5)').textContent()).toBe('—');
      expect(await env.platformQuery('SELECT dept_code FROM dispatch_hold WHERE dept_code = ?', [dept])).toEqual([]);
      await signOut(page);

      // ---- 审计管理员: the log, read-only, with the session's account as the actor
      await signIn(page, ACCOUNTS.auditAdmin.username, ACCOUNTS.auditAdmin.password);
      await page.locator('[data-test=welcome]').waitFor();
      expect(await menu(page)).toEqual(['工作台首页', '审计日志']);
      // 电子监察 by URL: 无权限 for an officer (the page calls nothing the server would refuse)
      await page.goto(`${env.platformUrl}/supervision`);
      await page.locator('[data-test=no-permission]').waitFor();
      expect(await page.locator('[data-test=no-permission]').textContent()).toContain('电子监察仅限审批账号、窗口人员使用');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.waitForURL(`${env.platformUrl}/audit-logs`);
      const auditRows = page.locator('[data-test=audit-table] .el-table__body-wrapper tbody tr');
      await auditRows.first().waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // the approver's hold and release
      await page.getByLabel('操作人').fill(ACCOUNTS.approver.username);
      await page.locator('[data-test=audit-search]').click();
      await waitFor('only the approver in the log', async () => {
        const actors = (await auditRows.locator('td:nth-child(2)').allTextContents()).map((t) => t.trim());
        return actors.length > 0 && actors.every((a) => a === ACCOUNTS.approver.username);
      });
      const about = (await auditRows.locator('td:nth-child(5)').allTextContents()).map((t) => t.trim());
      // newest first: the release, then the hold
      expect(about.filter((a) => a.endsWith(` ${dept}`))).toEqual([`恢复分发 ${dept}`, `暂停分发 ${dept}`]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-audit-log');
      const holdEntry = auditRows.filter({ hasText: `暂停分发 ${dept}` });
      expect((await holdEntry.locator('td').allTextContents()).map((t) => t.trim()).slice(1, 7)).toEqual([
        ACCOUNTS.approver.username,
        '审批账号',
        '业务操作',
        `暂停分发 ${dept}`,
        '成功',
        '0000',
      ]);
      // its detail: what was asked, the reason included
      await holdEntry.getByRole('button', { name: '详情' }).click();
      const drawer = page.locator('.el-drawer');
      await drawer.waitFor();
      expect(await drawer.locator('[data-test=audit-detail]').textContent()).toContain('前置库维护');
      expect(await drawer.locator('[data-test=audit-facts]').textContent()).toContain('PUT /api/v1/ops/dispatch-holds/:deptCode');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // the time filter reads Beijing time (the browser is in London): nothing of the approver's before the journey began
      await page.getByLabel('截止时间').fill(beijingWall(journeyStart));
      await page.getByLabel('截止时间').press('Enter');
      await page.locator('[data-test=audit-search]').click();
      await page.locator('[data-test=audit-table]').getByText('没有符合条件的审计记录').waitFor();
      await page.getByLabel('截止时间').fill('');
      await page.getByLabel('起始时间').fill(beijingWall(journeyStart));
      await page.getByLabel('起始时间').press('Enter');
      await page.locator('[data-test=audit-search]').click();
      await auditRows.filter({ hasText: `暂停分发 ${dept}` }).waitFor();

      // the security admin's account creation, by event
      await page.getByLabel('操作人').fill(ACCOUNTS.secAdmin.username);
      await choose(page, page.locator('.filter-bar'), '事件', '创建账号');
      await waitFor('the account creation in the log', async () => {
        const shown = (await auditRows.allTextContents()).map((t) => t.trim());
        return shown.length === 1 && shown[0].includes(NEW_CLERK.username) && shown[0].includes('创建账号');
      });
      expect((await auditRows.first().locator('td').allTextContents()).map((t) => t.trim()).slice(1, 6)).toEqual([
        ACCOUNTS.secAdmin.username,
        '安全管理员',
        '创建账号',
        NEW_CLERK.username,
        '成功',
      ]);
      // the clerk's own password change, by the clerk
      await page.getByLabel('操作人').fill(NEW_CLERK.username);
      await choose(page, page.locator('.filter-bar'), '事件', '修改密码');
      await waitFor('the clerk’s password change in the log', async () => {
        const actors = (await auditRows.locator('td:nth-child(2)').allTextContents()).map((t) => t.trim());
        return actors.length === 1 && actors[0] === NEW_CLERK.username;
      });
      expect(await page.locator('.el-pagination__total').textContent()).toContain('共 1 条');
      expect(await accessibilityViolations(page)).toEqual([]);
      await signOut(page);

      // the one refusal the journey asked for (the taken user name), nothing else
      expect([...problems].sort()).toEqual([
        `HTTP 409: POST ${env.platformUrl}/api/v1/security/accounts`,
        'console: Failed to load resource: the server responded with a status of 409 (Conflict)',
      ]);
    } finally {
      await context.close();
    }
  });

  it('lets the security admin unlock, reset, disable and enable an account, and the clerk feels each', async () => {
    const target = ACCOUNTS.clerk2;
    // set-up, not under test: the clerk locked out by wrong passwords
    for (let i = 0; i < 5; i++) await expect(login(env.platformUrl, '/api/v1', { ...target, password: 'wrong-password' })).rejects.toThrow(/401/);
    await expect(login(env.platformUrl, '/api/v1', target)).rejects.toThrow(/6003/);

    const admin = await openPage(browser);
    const clerk = await openPage(browser);
    try {
      const page = admin.page;
      await signIn(page, ACCOUNTS.secAdmin.username, ACCOUNTS.secAdmin.password);
      await page.locator('[data-test=welcome]').waitFor();
      await page.getByRole('menuitem', { name: '账号管理' }).click();
      const row = page.locator('[data-test=account-table] .el-table__body-wrapper tbody tr').filter({ hasText: target.username });
      await row.waitFor();
      expect(await row.textContent()).toContain('登录锁定');
      const messageBox = page.locator('.el-message-box');

      // 解除锁定, after a confirmation: the clerk signs in again with the own password
      await row.getByRole('button', { name: '解除锁定' }).click();
      await messageBox.waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await messageBox.getByRole('button', { name: '确定' }).click();
      await waitFor('the lock gone from the row', async () => !(await row.textContent())?.includes('登录锁定'));
      await signIn(clerk.page, target.username, target.password);
      await clerk.page.locator('[data-test=welcome]').waitFor();

      // 重置密码: the clerk's session ends, the one-time password is shown once
      await row.getByRole('button', { name: '重置密码' }).click();
      await messageBox.waitFor();
      expect(await messageBox.textContent()).toContain('其当前会话将立即终止');
      await messageBox.getByRole('button', { name: '重置' }).click();
      const issued = page.getByRole('dialog', { name: '一次性初始密码' });
      await issued.waitFor();
      expect(await issued.textContent()).toContain('密码已重置');
      const onceMore = ((await issued.locator('[data-test=one-time-password]').textContent()) ?? '').trim();
      expect(onceMore.length).toBeGreaterThanOrEqual(8);
      await issued.getByRole('button', { name: '我已告知，关闭' }).click();
      await waitFor('the row marked 待改密', async () => (await row.textContent())?.includes('待改密'));
      await clerk.page.getByRole('menuitem', { name: '事项目录' }).click();
      await clerk.page.waitForURL(/\/login/);
      expect(await clerk.page.getByText('会话已失效').isVisible()).toBe(true);

      // 停用 needs a reason; the clerk cannot sign in, not even with the new password
      await row.getByRole('button', { name: '停用' }).click();
      const disable = page.getByRole('dialog', { name: `停用账号 ${target.username}` });
      await disable.waitFor();
      await disable.getByRole('button', { name: '停用' }).click();
      await fieldError(disable, '请输入停用原因').waitFor();
      await disable.getByLabel('停用原因').fill('人员离岗');
      expect(await accessibilityViolations(page)).toEqual([]);
      await disable.getByRole('button', { name: '停用' }).click();
      await disable.waitFor({ state: 'hidden' });
      await waitFor('the row shown as 停用', async () => (await row.locator('td:nth-child(5)').textContent())?.trim().startsWith('停用'));
      await choose(page, page.locator('.filter-bar'), '状态', '停用');
      await waitFor('only the disabled account listed', async () => {
        const names = (await page.locator('[data-test=account-table] tbody tr td:nth-child(1)').allTextContents()).map((t) => t.trim());
        return names.length === 1 && names[0] === target.username;
      });
      await row.getByRole('button', { name: '详情' }).click();
      const facts = page.locator('[data-test=account-facts]');
      await facts.waitFor();
      expect(await facts.textContent()).toContain('停用（人员离岗）');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-account-disabled');
      await page.keyboard.press('Escape');
      await facts.waitFor({ state: 'hidden' });
      await signIn(clerk.page, target.username, onceMore);
      const refusal = clerk.page.locator('[data-test=login-error]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/^认证失败：用户名或密码错误（代码 1001/);

      // 启用: the one-time password works, and must be changed first
      await row.getByRole('button', { name: '启用' }).click();
      await messageBox.waitFor();
      await messageBox.getByRole('button', { name: '确定' }).click();
      await waitFor('the disabled list empty', async () => (await page.locator('[data-test=account-table]').textContent())?.includes('没有符合条件的账号'));
      await signIn(clerk.page, target.username, onceMore);
      await clerk.page.waitForURL(`${env.platformUrl}/password`);

      const unexpected = (problems: string[]) => problems.filter((p) => !/401 \(Unauthorized\)|status of 401/.test(p));
      expect(unexpected(admin.problems)).toEqual([]);
      expect(unexpected(clerk.problems)).toEqual([]);
    } finally {
      await admin.context.close();
      await clerk.context.close();
    }
  });

  it('refuses the officers’ and the approver’s routes to a clerk on the server too (6005)', async () => {
    const clerk: TestAccount = ACCOUNTS.clerk;
    const token = await login(env.platformUrl, '/api/v1', clerk);
    const dept = env.topology.departments[0].code;
    const calls: Array<[string, string, unknown?]> = [
      ['PUT', `/api/v1/ops/dispatch-holds/${dept}`, { minutes: 30, reason: '越权尝试' }],
      ['DELETE', `/api/v1/ops/dispatch-holds/${dept}`],
      ['GET', '/api/v1/security/accounts'],
      ['GET', '/api/v1/audit/logs'],
    ];
    for (const [method, path, body] of calls) {
      const res = await fetch(`${env.platformUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect([method, path, res.status, ((await res.json()) as { code: string }).code]).toEqual([method, path, 403, '6005']);
    }
    expect(await env.platformQuery('SELECT dept_code FROM dispatch_hold')).toEqual([]);
  });
});
