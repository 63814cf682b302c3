import type { Browser, Page } from 'playwright-core';
import { deflateSync } from 'node:zlib';
import { accessibilityViolations, launchBrowser, openPage, screenshot } from './support/browser';
import { tinyPdf } from './support/clerk-client';
import { waitFor } from './support/env';
import { CLERK, ExchangeEnv, SIM_CONTROL_TOKEN } from './support/exchange-env';

/** A real 8×8 grey PNG (signature, IHDR, IDAT, IEND with their CRCs), so the platform's content sniffing and the browser both take it. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, 90, 90, 90, 90, 160, 160, 160, 160])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The page's globals as the image waits need them (this file compiles without the DOM library). */
type ImagePage = { document: { querySelector(s: string): { complete: boolean } | null } };

// GB 11643's own example number: a valid birth date and check digit
const APPLICANT_ID = '11010519491231002X';

/**
 * A window clerk's whole case in a real Chromium against the real platform, department
 * simulator and MariaDB: find the item, register, collect and tick the materials, print the
 * 一次告知书 and the 受理回执, submit, answer the department's 补正补齐 by replacing the flagged
 * material, see the 办结 and open its result. Every step through the screen.
 */
describe('workbench journey: register → materials → receipt → 补正补齐 → 办结', () => {
  let env: ExchangeEnv;
  let browser: Browser;

  beforeAll(async () => {
    // the department asks for 补正补齐 on every first version, then accepts and concludes
    env = await ExchangeEnv.create({ profile: { supplementRate: 1 } });
    await env.startPlatform();
    await env.startDeptSim();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /** Saves the registration form and waits for the draft's page; a refusal on the screen fails with its words. */
  async function saveRegistration(page: Page): Promise<string> {
    await page.locator('[data-test=reg-save]').click();
    await waitFor('the draft page or a refusal', async () => {
      if (/\/applications\/\d{6}-\d{8}-\d{6}$/.test(page.url())) return true;
      const refusals = [...(await page.locator('[data-test=reg-error]').allTextContents()), ...(await page.locator('.el-form-item__error').allTextContents())];
      if (refusals.length) throw new Error(`registration refused: ${refusals.join(' | ')}`);
      return false;
    });
    return page.url().split('/').pop() as string;
  }

  async function upload(page: Page, code: string, name: string, buffer: Buffer, mimeType: string): Promise<void> {
    await page.locator(`[data-test=upload-${code}] input[type=file]`).setInputFiles({ name, mimeType, buffer });
    await page.locator('[data-test=materials-table] tr', { hasText: name }).waitFor();
  }

  it('walks one application from registration to its result', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await page.goto(`${env.platformUrl}/login`);
      await page.getByLabel('用户名').fill(CLERK.username);
      await page.getByLabel('密码', { exact: true }).fill(CLERK.password);
      await page.getByRole('button', { name: '登 录' }).click();
      await page.locator('[data-test=welcome]').waitFor();

      // find the item in the catalogue and start 受理登记 from its facts
      await page.getByRole('menuitem', { name: '事项目录' }).click();
      await page.getByLabel('事项名称/编码').fill('企业设立登记');
      await page.locator('[data-test=item-table] tbody tr', { hasText: '企业设立登记' }).getByRole('button', { name: '详情' }).click();
      await page.locator('[data-test=register-item]').click();
      await page.waitForURL(/\/register\?item=AMR-001/);
      expect(await text(page, '[data-test=reg-item-facts]')).toContain('承诺/法定期限');

      // a bad phone number is caught on the form, nothing is sent
      await page.getByLabel('申请人姓名').fill('张三');
      await page.getByLabel('身份证号码', { exact: true }).fill(APPLICANT_ID);
      await page.getByLabel('申请人手机号码').fill('1380000');
      await page.locator('[data-test=reg-save]').click();
      await page.getByText('请填写 11 位手机号码').waitFor();
      await page.getByLabel('申请人手机号码').fill('13800000000');
      // the item's own form, built from its formFields: text, a select, a number, an ID number, a phone
      await page.getByLabel('企业名称', { exact: true }).fill('平顶山石龙测试商贸有限公司');
      await page.locator('.el-form-item', { hasText: '企业类型' }).locator('.el-select__wrapper').click();
      await page.locator('.el-select-dropdown__item', { hasText: '有限责任公司' }).click();
      await page.getByLabel('注册资本（万元）').fill('100');
      await page.getByLabel('法定代表人姓名').fill('张三');
      await page.getByLabel('法定代表人身份证号码').fill(APPLICANT_ID);
      await page.getByLabel('经营范围').fill('日用百货销售');
      await page.getByLabel('住所', { exact: true }).fill('河南省平顶山市石龙区人民路1号');
      await page.getByLabel('联系电话').fill('0375-2345678');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-register');
      const applyNo = await saveRegistration(page);
      await expect(text(page, '[data-test=app-state]')).resolves.toBe('受理登记中');

      // materials: nothing yet, so the 一次告知书 lists every required one and submit is not possible
      await page.locator('[data-test=materials-panel]').waitFor();
      expect(await page.locator('[data-test=submit-application]').isDisabled()).toBe(true);
      await page.locator('[data-test=print-notice]').click();
      await page.locator('[data-test=paper-notice]').waitFor();
      expect(await text(page, '[data-test=paper-missing]')).toContain('公司章程');
      expect(await text(page, '[data-test=paper-apply-no]')).toBe(applyNo);
      await page.getByRole('button', { name: '返回申报件' }).click();
      await page.locator('[data-test=materials-panel]').waitFor();

      await upload(page, 'APPLY_FORM', '企业设立登记申请书.pdf', tinyPdf('apply form'), 'application/pdf');
      await upload(page, 'ARTICLES', '公司章程.pdf', tinyPdf('articles'), 'application/pdf');
      await upload(page, 'ID_CARD', '身份证.png', tinyPng(), 'image/png');
      // a file the material does not accept is refused with the platform's reason, the row stays as it was
      await page
        .locator('[data-test=upload-PREMISES] input[type=file]')
        .setInputFiles({ name: '住所证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
      await page.locator('[data-test=materials-error]').waitFor();
      expect(await text(page, '[data-test=materials-error]')).toMatch(/代码 2011/);
      await upload(page, 'PREMISES', '住所使用证明.pdf', tinyPdf('premises'), 'application/pdf');

      // 收件: the ID card's original seen, one paper copy of the articles
      await page.locator('[data-test=check-ID_CARD]').click();
      await waitFor('the tick saved', async () => (await page.locator('[data-test=check-ID_CARD] input').isChecked()) === true);
      // the uploaded ID card opens in the preview
      await page.locator('[data-test=materials-table] tr', { hasText: '身份证.png' }).getByText('身份证.png').click();
      await page.locator('[data-test=preview-image]').waitFor();
      await page.waitForFunction(() => (globalThis as unknown as ImagePage).document.querySelector('[data-test=preview-image]')?.complete === true);
      expect(await page.locator('[data-test=preview-image]').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(8);
      await page.keyboard.press('Escape');

      await page.locator('[data-test=confirm-materials]').click();
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-materials');
      await page.locator('[data-test=submit-application]').click();

      // the receipt: 申报号 with its QR code, the materials received, the promised time
      await page.locator('[data-test=print-receipt]').click();
      await page.locator('[data-test=paper-receipt]').waitFor();
      expect(await text(page, '[data-test=paper-apply-no]')).toBe(applyNo);
      await page.locator('[data-test=paper-qr]').waitFor();
      await page.waitForFunction(() => (globalThis as unknown as ImagePage).document.querySelector('[data-test=paper-qr]')?.complete === true);
      expect(await page.locator('[data-test=paper-qr]').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
      const received = await text(page, '[data-test=paper-materials]');
      for (const m of ['企业设立登记申请书', '公司章程', '申请人身份证明', '住所使用证明']) expect(received).toContain(m);
      expect(await text(page, '[data-test=paper-materials] tr:has-text("申请人身份证明")')).toContain('已核验');
      expect(await text(page, '[data-test=paper-promise]')).toContain('3 个工作日');
      // the promised due date is the platform's (the detail's deadline block, Beijing calendar), not the browser's
      const api = await env.clerk();
      const deadline = (await api.request<{ deadline: { promisedDueDate: string; legalDueDate: string } | null }>('GET', `/api/v1/applications/${applyNo}`))
        .deadline;
      expect(deadline).not.toBeNull();
      expect(await text(page, '[data-test=paper-due-date]')).toBe(deadline!.promisedDueDate);
      expect(await text(page, '[data-test=paper-promise]')).toContain(`法定办结日期 ${deadline!.legalDueDate}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.console-aside').isVisible()).toBe(false);
      await screenshot(page, 'workbench-receipt');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: '返回申报件' }).click();

      // the department asks for 补正补齐: the page follows by itself and shows the flagged material
      await page.locator('[data-test=supplement-request]').waitFor({ timeout: 60_000 });
      await expect(text(page, '[data-test=app-state]')).resolves.toBe('待补正补齐');
      const flaggedRow = await text(page, '[data-test=supplement-materials] tbody tr');
      expect(flaggedRow).toMatch(/扫描件不清晰/);
      expect(await text(page, '[data-test=supplement-opinion]')).toContain('材料需补正');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-supplement');

      await page.locator('[data-test=start-resubmission]').click();
      await page.getByRole('button', { name: '开始补正' }).last().click();
      await page.locator('[data-test=materials-panel]').waitFor();
      await expect(text(page, '[data-test=app-state]')).resolves.toBe('受理登记中');
      // the flagged material must be uploaded again: the others are carried over, submit waits for it
      const flagged = page.locator('[data-test=materials-table] tr.flagged-row');
      expect(await flagged.count()).toBe(1);
      const flaggedName = ((await flagged.locator('td').first().textContent()) ?? '').trim();
      expect(await text(page, '[data-test=materials-missing]')).toContain('须重新上传');
      expect(await page.locator('[data-test=submit-application]').isDisabled()).toBe(true);
      expect(await page.locator('[data-test=material-carried]').count()).toBe(3);
      const code = (await flagged.locator('[data-test^=upload-]').getAttribute('data-test'))?.replace('upload-', '') as string;
      await upload(page, code, `补正-${code}.pdf`, tinyPdf(`replacement of ${code}`), 'application/pdf');
      expect(flaggedName).not.toBe('');
      await page.locator('[data-test=confirm-materials]').click();
      await page.locator('[data-test=submit-application]').click();

      // accepted and concluded by the department: the result and its file
      await page.locator('[data-test=conclusion]').waitFor({ timeout: 60_000 });
      await expect(text(page, '[data-test=app-state]')).resolves.toBe('已办结');
      await expect(text(page, '[data-test=result]')).resolves.toBe('准予许可');
      await page.locator('[data-test=open-result]').first().click();
      await page.locator('[data-test=preview-text]').waitFor();
      expect(await text(page, '[data-test=preview-text]')).toContain(`申报号 ${applyNo}`);
      expect(await text(page, '[data-test=preview-text]')).toContain('证照编号');
      await page.keyboard.press('Escape');

      // 出件 at the window: the applicant collects in person, the ID card checked
      await expect(text(page, '[data-test=delivery-state]')).resolves.toBe('待领取');
      await page.locator('[data-test=do-handover]').click();
      await page.getByText('请先核验领取人身份证件原件').waitFor();
      await page.getByLabel('领取人身份证号码').fill(APPLICANT_ID);
      await page.locator('[data-test=ho-id-checked]').click();
      await page.locator('[data-test=do-handover]').click();
      await page.locator('[data-test=handover-record]').waitFor();
      await expect(text(page, '[data-test=delivery-state]')).resolves.toBe('已领取');
      expect(await text(page, '[data-test=handover-record]')).toContain('张三（本人）');
      expect(await text(page, '[data-test=handover-record]')).not.toContain(APPLICANT_ID);

      // the timeline names each step on both sides
      const timeline = await text(page, '[data-test=timeline]');
      for (const step of ['受理登记', '提交分发', '部门写入补正补齐信息', '补正补齐后重新登记', '部门写入办结信息', '窗口出件'])
        expect(timeline).toContain(step);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'workbench-concluded');

      // the work queue finds it by 申报号 and by applicant
      await page.getByRole('menuitem', { name: '申报件办理' }).click();
      await page.getByLabel('申请人').fill(APPLICANT_ID);
      await page.locator('[data-test=q-search]').click();
      await page.locator('[data-test=app-table] tbody tr', { hasText: applyNo }).waitFor();
      await page.getByRole('tab', { name: '已办结' }).click();
      await page.locator('[data-test=app-table] tbody tr', { hasText: applyNo }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      // the one refusal of the journey (the fake PDF) is the only failed request the browser saw
      const refused = problems.filter((p) => p.includes('/materials/PREMISES'));
      const loadErrors = problems.filter((p) => /^console: Failed to load resource: the server responded with a status of 4\d\d/.test(p));
      expect(refused).toHaveLength(1);
      expect(loadErrors.length).toBeLessThanOrEqual(1);
      expect(problems.filter((p) => !refused.includes(p) && !loadErrors.includes(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('mails the result by express: the address at registration, the waybill, the delivery', async () => {
    // this department now accepts first versions as they are
    const profile = await fetch(`${env.deptSimUrl}/sim/departments/AMR/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SIM_CONTROL_TOKEN}` },
      body: JSON.stringify({ supplementRate: 0 }),
    });
    expect(profile.status).toBe(200);
    const { context, page, problems } = await openPage(browser);
    try {
      await page.goto(`${env.platformUrl}/login?next=%2Fregister%3Fitem%3DAMR-001`);
      await page.getByLabel('用户名').fill(CLERK.username);
      await page.getByLabel('密码', { exact: true }).fill(CLERK.password);
      await page.getByRole('button', { name: '登 录' }).click();
      await page.waitForURL(/\/register\?item=AMR-001/);
      await page.getByLabel('申请人姓名').fill('李四');
      await page.getByLabel('身份证号码', { exact: true }).fill(APPLICANT_ID);
      await page.getByLabel('申请人手机号码').fill('13900000000');
      await page.getByLabel('企业名称', { exact: true }).fill('平顶山卫东快递测试有限公司');
      await page.locator('.el-form-item', { hasText: '企业类型' }).locator('.el-select__wrapper').click();
      await page.locator('.el-select-dropdown__item', { hasText: '有限责任公司' }).click();
      await page.getByLabel('注册资本（万元）').fill('50');
      await page.getByLabel('法定代表人姓名').fill('李四');
      await page.getByLabel('法定代表人身份证号码').fill(APPLICANT_ID);
      await page.getByLabel('经营范围').fill('日用百货销售');
      await page.getByLabel('住所', { exact: true }).fill('河南省平顶山市卫东区建设路2号');
      await page.getByLabel('联系电话').fill('0375-2345679');
      await page.getByText('证照快递').click();
      // the address is required for express, and the postcode has six digits
      await page.locator('[data-test=reg-save]').click();
      await page.getByText('请填写收件地址').waitFor();
      await page.getByLabel('收件人', { exact: true }).fill('李四');
      await page.getByLabel('收件人电话').fill('13900000000');
      await page.getByLabel('收件地址').fill('河南省平顶山市卫东区建设路2号院3号楼');
      await page.getByLabel('邮政编码').fill('4670');
      await page.locator('[data-test=reg-save]').click();
      await page.getByText('邮政编码为 6 位数字').waitFor();
      await page.getByLabel('邮政编码').fill('467021');
      const applyNo = await saveRegistration(page);

      // materials and submission are the first journey's steps: here through the API
      const clerk = await env.clerk();
      for (const m of (await clerk.item('AMR-001')).materials.filter((x) => x.required)) await clerk.upload(applyNo, m.code, `${m.code} of ${applyNo}`);
      await clerk.submit(applyNo);
      // submitted elsewhere: the clerk refreshes once, then the page follows the department by itself
      await page.getByRole('button', { name: '刷新' }).click();
      await page.locator('[data-test=delivery-panel]').waitFor({ timeout: 60_000 });
      await expect(text(page, '[data-test=delivery-state]')).resolves.toBe('待寄出');
      expect(await text(page, '[data-test=express-address]')).toContain('卫东区建设路2号院3号楼');

      // a waybill number of the wrong shape for the carrier is refused with the reason; then the right one
      await page.locator('[data-test=ex-carrier]').click();
      await page.locator('.el-select-dropdown__item', { hasText: '顺丰速运' }).click();
      await page.getByLabel('运单号').fill('12');
      await page.locator('[data-test=do-mail]').click();
      await page.locator('[data-test=delivery-error]').waitFor();
      expect(await text(page, '[data-test=delivery-error]')).toMatch(/运单号/);
      await page.getByLabel('运单号').fill('SF1234567890123');
      await page.locator('[data-test=do-mail]').click();
      await page.locator('[data-test=waybill]').waitFor();
      await expect(text(page, '[data-test=delivery-state]')).resolves.toBe('已寄出');
      expect(await text(page, '[data-test=waybill]')).toBe('SF1234567890123');
      await screenshot(page, 'workbench-express-mailed');

      await page.locator('[data-test=do-delivered]').click();
      await waitFor('the delivery recorded', async () => (await text(page, '[data-test=delivery-state]')) === '已签收');
      const timeline = await text(page, '[data-test=timeline]');
      expect(timeline).toContain('证照寄出');
      expect(timeline).toContain('快递签收');
      expect(await accessibilityViolations(page)).toEqual([]);
      const refused = problems.filter((p) => p.includes('/express'));
      expect(refused.length).toBeLessThanOrEqual(1);
      expect(problems.filter((p) => !refused.includes(p) && !/^console: Failed to load resource: the server responded with a status of 4\d\d/.test(p))).toEqual(
        [],
      );
    } finally {
      await context.close();
    }
  });
});
