import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { waitFor } from './support/env';
import { CLERK, ExchangeEnv } from './support/exchange-env';

// GB 11643's own example number: a valid birth date and check digit
const APPLICANT_ID = '11010519491231002X';

/**
 * The 综窗受理工作台 in a real Chromium against the real platform and MariaDB: signing in,
 * the layout, the 事项目录 with its filter bar, pagination and detail drawer, the session across
 * a reload, and signing out. Every step through the screen, no API shortcut.
 */
describe('workbench in the browser: sign-in, layout, 事项目录', () => {
  let env: ExchangeEnv;
  let browser: Browser;

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('serves the console at / and leaves the API alone', async () => {
    const page = await fetch(`${env.platformUrl}/items`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<title>综窗受理工作台</title>');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${env.platformUrl}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    // the build's brotli and gzip twins, chosen by Accept-Encoding; the same script once decoded
    const identity = await fetch(`${env.platformUrl}${asset}`, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
    const plain = await identity.text();
    const type = identity.headers.get('content-type');
    expect(type).toMatch(/javascript/);
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, br;q=0', 'gzip'],
    ]) {
      const packed = await fetch(`${env.platformUrl}${asset}`, { headers: { 'accept-encoding': accept } });
      expect([accept, packed.headers.get('content-encoding'), packed.headers.get('content-type'), packed.headers.get('vary')]).toEqual([
        accept,
        encoding,
        type,
        'Accept-Encoding',
      ]);
      expect(Number(packed.headers.get('content-length'))).toBeLessThan(plain.length / 2);
      expect(await packed.text()).toBe(plain); // fetch decodes it
    }
    // an API route asked for by a browser still answers the API's coded JSON, not the page
    const api = await fetch(`${env.platformUrl}/api/v1/items`, { headers: { accept: 'text/html,application/json' } });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { code: string }).code).toBe('6001');
    expect((await fetch(`${env.platformUrl}/assets/nope.js`)).status).toBe(404);
    // a client that does not ask for a page (curl's */*) gets the API's answer for an unknown path
    const other = await fetch(`${env.platformUrl}/items`, { headers: { accept: '*/*' } });
    expect([other.status, ((await other.json()) as { code: string }).code]).toEqual([404, '1009']);
  });

  it('walks a clerk through sign-in, the catalog and sign-out', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await page.goto(`${env.platformUrl}/items`);
      // no session: the login page, which remembers where the clerk wanted to go
      await page.waitForURL(/\/login\?next=(%2F|\/)items/);
      await expect(page.getByRole('heading', { name: '综窗受理工作台' }).isVisible()).resolves.toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);

      // a wrong password: the platform's Chinese refusal with its code, the password field emptied
      await page.getByLabel('用户名').fill(CLERK.username);
      await page.getByLabel('密码', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: '登 录' }).click();
      const refusal = page.locator('[data-test=login-error]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/^认证失败：用户名或密码错误（代码 1001，流水号 [0-9a-f-]{36}）$/);
      expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
      // the refusal and the form's own messages are readable too (contrast)
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-login-refused');

      // the right password by keyboard only (Enter submits the form)
      await page.getByLabel('密码', { exact: true }).fill(CLERK.password);
      await page.getByLabel('密码', { exact: true }).press('Enter');
      await page.waitForURL(`${env.platformUrl}/items`);
      await expect(page.locator('[data-test=account-name]').textContent()).resolves.toContain(CLERK.username);

      // the catalog: every enabled item of the seeds, ten a page
      const rows = page.locator('[data-test=item-table] .el-table__body-wrapper tbody tr');
      await rows.first().waitFor();
      const total = Number(/共 (\d+) 条/.exec((await page.locator('.el-pagination__total').textContent()) ?? '')?.[1]);
      expect(total).toBeGreaterThan(0);
      expect(await rows.count()).toBe(Math.min(total, 10));
      expect(await page.locator('.el-breadcrumb').textContent()).toContain('事项目录');

      // filter by 业务分类: every row shown is of that category
      await page.locator('[data-test=filter-category]').click();
      const option = page.locator('.el-select-dropdown__item').first();
      const category = ((await option.textContent()) ?? '').trim();
      await option.click();
      await waitFor('every row of the chosen category', async () => {
        const cells = (await page.locator('[data-test=item-table] tbody tr td:nth-child(3)').allTextContents()).map((t) => t.trim());
        return cells.length > 0 && cells.every((c) => c === category);
      });
      const filtered = Number(/共 (\d+) 条/.exec((await page.locator('.el-pagination__total').textContent()) ?? '')?.[1]);
      expect(filtered).toBeGreaterThan(0);
      expect(filtered).toBeLessThanOrEqual(total);

      // search by name within the category, then open the first item's facts and materials
      const firstName = ((await rows.first().locator('td:nth-child(2)').textContent()) ?? '').trim();
      await page.getByLabel('事项名称/编码').fill(firstName.slice(0, 4));
      await expect(rows.first().locator('td:nth-child(2)').textContent()).resolves.toContain(firstName.slice(0, 4));
      await rows.first().getByRole('button', { name: '详情' }).click();
      const drawer = page.locator('.el-drawer');
      await drawer.waitFor();
      expect(await drawer.locator('.el-drawer__title, header').first().textContent()).toContain(firstName);
      expect(await drawer.locator('[data-test=item-facts]').textContent()).toMatch(/承诺期限\s*\d+ 个工作日/);
      expect(await drawer.locator('[data-test=item-materials] tbody tr').count()).toBeGreaterThan(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-item-detail');
      await page.keyboard.press('Escape');

      // a reload keeps the session (sessionStorage), the tags view keeps the pages visited
      await page.reload();
      await rows.first().waitFor();
      expect(page.url()).toBe(`${env.platformUrl}/items`);
      await page.getByRole('menuitem', { name: '工作台首页' }).click();
      await expect(page.locator('[data-test=welcome]').textContent()).resolves.toContain('窗口人员');
      expect(await page.locator('.console-tags').textContent()).toContain('工作台首页');

      // sign out: back at the login page, and the pages need a session again
      // the sign-out call answered before the next navigation (which would abort it)
      // (finished, not only answered: the response's headers arrive before its body, and a navigation in between aborts it)
      await Promise.all([page.waitForEvent('requestfinished', (r) => r.url().endsWith('/api/v1/auth/logout')), page.locator('[data-test=logout]').click()]);
      await page.waitForURL(/\/login/);
      await page.goto(`${env.platformUrl}/items`);
      await page.waitForURL(/\/login\?next=/);
      expect(problems.filter((p) => !/401 \(Unauthorized\)|status of 401/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  /** What has the keyboard focus: its tag, role, name, its own label and the visible label of its form item. */
  interface Focused {
    tag: string;
    role: string;
    name: string;
    own: string;
    field: string;
    fieldVisible: boolean;
    checked: string;
  }
  // evaluated in the page as a string (this file compiles without the DOM library)
  const FOCUSED = `(() => {
    const el = document.activeElement;
    const clean = (t) => (t ?? '').replace(/\\s+/g, ' ').trim();
    if (!el || el === document.body) return { tag: 'body', role: '', name: '', own: '', field: '', fieldVisible: false, checked: '' };
    const own = (el.id ? document.querySelector('label[for="' + el.id + '"]') : null) ?? el.labels?.[0] ?? null;
    const field = el.closest('.el-form-item')?.querySelector(':scope > .el-form-item__label, :scope > .el-form-item__label-wrap .el-form-item__label') ?? null;
    const visible = (e) => !!e && e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden' && clean(e.textContent) !== '';
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role') ?? '',
      name: clean(el.getAttribute('aria-label') ?? el.textContent),
      own: clean(own?.textContent),
      field: clean(field?.textContent),
      fieldVisible: visible(field),
      checked: el.getAttribute('aria-checked') ?? (el.type === 'radio' || el.type === 'checkbox' ? String(el.checked) : ''),
    };
  })()`;
  const focused = (page: Page): Promise<Focused> => page.evaluate(FOCUSED) as Promise<Focused>;

  it('registers an application with the keyboard only, from the catalogue to the saved draft', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const stops: Focused[] = [];
      const press = async (key: string) => {
        await page.keyboard.press(key);
        stops.push(await focused(page));
      };
      /** Tab (or Shift+Tab) until the focus is where `is` wants it, recording every stop on the way. */
      const tabTo = async (what: string, is: (f: Focused) => boolean, key = 'Tab'): Promise<Focused> => {
        for (let i = 0; i < 60; i++) {
          const f = await focused(page);
          if (is(f)) return f;
          await press(key);
        }
        throw new Error(`${what} not reached by ${key}: ${stops.map((f) => `${f.tag}[${f.field || f.name}]`).join(' → ')}`);
      };
      const field = (label: string) => (f: Focused) => f.field === label;

      await page.goto(`${env.platformUrl}/login?next=%2Fitems`);
      await tabTo('the user name', (f) => f.own === '用户名');
      await page.keyboard.type(CLERK.username);
      await press('Tab');
      expect(stops.at(-1)?.own).toBe('密码');
      await page.keyboard.type(CLERK.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${env.platformUrl}/items`);
      await page.locator('[data-test=item-table] .el-table__body-wrapper tbody tr').first().waitFor();

      // the catalogue: the keyword, the item's 详情, then 受理登记 in its drawer
      await tabTo('the keyword', field('事项名称/编码'));
      await page.keyboard.type('企业设立登记');
      await waitFor('the item alone', async () => (await page.locator('[data-test=item-table] .el-table__body-wrapper tbody tr').count()) === 1);
      await tabTo('详情 of the item', (f) => f.tag === 'button' && f.name === '详情');
      await page.keyboard.press('Enter');
      await page.locator('.el-drawer [data-test=item-facts]').waitFor();
      await tabTo('受理登记 in the drawer', (f) => f.tag === 'button' && f.name === '受理登记');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/register\?item=AMR-001$/);
      await page.locator('[data-test=reg-item-facts]').waitFor();

      // the registration form in reading order, every stop with its visible label
      // (the focus starts on the page again: the drawer's button has gone with the catalogue)
      await tabTo('事项', field('事项'));
      stops.length = 0;
      stops.push(await focused(page));
      await press('Tab');
      expect(stops.at(-1)).toMatchObject({ field: '申请人类型', own: '自然人', checked: 'true' });
      // arrow keys move within the radio group: 法人 renames the name and ID fields; back to 自然人
      await press('ArrowRight');
      expect(stops.at(-1)).toMatchObject({ own: '法人', checked: 'true' });
      await page.locator('label[for=reg-id]', { hasText: '统一社会信用代码' }).waitFor();
      await press('ArrowLeft');
      expect(stops.at(-1)).toMatchObject({ own: '自然人', checked: 'true' });
      await page.locator('label[for=reg-id]', { hasText: '身份证号码' }).waitFor();
      const typeInto = async (label: string, value: string) => {
        await press('Tab');
        expect(stops.at(-1)?.field).toBe(label);
        await page.keyboard.type(value);
      };
      await typeInto('申请人姓名', '王五');
      await typeInto('身份证号码', APPLICANT_ID);
      // Shift+Tab goes back the same way
      await press('Shift+Tab');
      expect(stops.at(-1)?.field).toBe('申请人姓名');
      await press('Tab');
      await typeInto('申请人手机号码', '13700000000');
      await typeInto('企业名称', '平顶山键盘测试有限公司');
      // the select: ArrowDown opens it, ArrowDown moves, Enter chooses
      await press('Tab');
      expect(stops.at(-1)).toMatchObject({ field: '企业类型', role: 'combobox' });
      await page.keyboard.press('ArrowDown');
      const dropdown = page.locator('.el-select-dropdown:visible');
      await dropdown.waitFor();
      const hovered = async () => (await dropdown.locator('.el-select-dropdown__item.is-hovering').allTextContents()).join('').trim();
      for (let i = 0; i < 6 && (await hovered()) !== '股份有限公司'; i++) await page.keyboard.press('ArrowDown');
      expect(await hovered()).toBe('股份有限公司');
      await page.keyboard.press('Enter');
      await dropdown.waitFor({ state: 'hidden' });
      expect(await page.locator('.el-form-item', { hasText: '企业类型' }).locator('.el-select__placeholder').textContent()).toContain('股份有限公司');
      await typeInto('注册资本（万元）', '200');
      await typeInto('法定代表人姓名', '王五');
      await typeInto('法定代表人身份证号码', APPLICANT_ID);
      await typeInto('经营范围', '软件开发');
      await typeInto('住所', '河南省平顶山市新华区中兴路3号');
      await typeInto('联系电话', '0375-3456789');
      await press('Tab');
      expect(stops.at(-1)).toMatchObject({ field: '领取方式', own: '现场领取', checked: 'true' });
      await press('Tab');
      expect(stops.at(-1)).toMatchObject({ tag: 'button', name: '保存并收取材料' });

      // every stop of the form was a labelled field (or the save button), and every field was reached
      const formStops = stops.filter((f) => f.tag !== 'button');
      expect(formStops.filter((f) => !f.fieldVisible)).toEqual([]);
      const reached = new Set(formStops.map((f) => f.field));
      const labels = (await page.locator('form[aria-label=受理登记] .el-form-item__label').allTextContents()).map((t) => t.trim()).filter(Boolean);
      expect(labels.filter((l) => !reached.has(l))).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);

      // Enter on the button saves: the draft's page, then the work queue lists it
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/applications\/\d{6}-\d{8}-\d{6}$/);
      const applyNo = page.url().split('/').pop() as string;
      await expect(page.locator('[data-test=app-state]').textContent()).resolves.toContain('受理登记中');
      type Saved = { applicantName: string; deliveryMethod: string; versions: { formData: Record<string, unknown> }[] };
      const saved = await (await env.clerk()).request<Saved>('GET', `/api/v1/applications/${applyNo}`);
      expect(saved).toMatchObject({ applicantName: '王五', deliveryMethod: 'PICKUP' });
      expect(saved.versions[0].formData).toMatchObject({
        entType: '股份有限公司',
        registeredCapital: 200,
        businessScope: '软件开发',
        contactPhone: '0375-3456789',
      });
      await page.goto(`${env.platformUrl}/applications`);
      await page.locator('[data-test=app-table] tbody tr', { hasText: applyNo }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ends the screen session when the server revokes it', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${env.platformUrl}/login`);
      await page.getByLabel('用户名').fill(CLERK.username);
      await page.getByLabel('密码', { exact: true }).fill(CLERK.password);
      await page.getByRole('button', { name: '登 录' }).click();
      await page.locator('[data-test=welcome]').waitFor();
      // the home page's counts loaded first (a count refused later would end the session before the click)
      await waitFor('the queue counts', async () => {
        const counts = await page.locator('[data-test=queue-counts] [data-test^=count-]').allTextContents();
        return counts.length === 6 && counts.every((c) => /^\d+$/.test(c.trim()));
      });
      // the server forgets the session (as after an idle timeout or a revocation by the security admin)
      await env.platformQuery('DELETE FROM sec_session');
      await page.getByRole('menuitem', { name: '事项目录' }).click();
      await page.waitForURL(/\/login/);
      await expect(page.getByText('会话已失效').isVisible()).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });
});
