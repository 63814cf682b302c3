/**
 * `npm run bench -- --only web` (part of `npm run bench`): how fast the 综窗受理工作台 loads in
 * Debian's Chromium against the running platform. Per round, in a fresh browser context:
 *   first load   empty cache: navigation to the login page shown (every asset downloaded)
 *   sign-in      the login form submitted → the 事项目录 table shown (session, /me, catalog API)
 *   cached load  the same context navigates to the catalog again → table shown (assets from cache)
 *   pages        then, cached: 受理登记 (form shown), 申报件办理 (queue table shown), the first
 *                application's detail (facts and timeline shown; skipped when there is none)
 * Prints medians and the bytes the browser fetched; writes BENCH_RESULT_FILE.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser';
import { ClerkClient } from '../support/clerk-client';
import { percentiles } from './percentiles';

const base = process.env.PLATFORM_URL ?? 'http://127.0.0.1:7300';
const [username, ...rest] = (process.env.BENCH_CLERK ?? '').split(':');
const password = rest.join(':');
const rounds = Number(process.env.BENCH_WEB_ROUNDS ?? 7);

/** Bytes over the wire for this document and its resources, as the page's Resource Timing saw them. */
async function transferred(page: Page): Promise<number> {
  return (await page.evaluate(
    `performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((n, e) => n + (e.transferSize || 0), 0)`,
  )) as number;
}

async function main(): Promise<void> {
  if (!username || !password) throw new Error('BENCH_CLERK=username:password of a 窗口人员 account');
  // the detail page needs an application: one submitted through the API when the platform has none yet
  const clerk = await ClerkClient.login(base, username, password);
  const existing = await clerk.request<{ total: number }>('GET', '/api/v1/applications?pageSize=1');
  if (existing.total === 0) await clerk.apply('AMR-001', '测评申请人');
  const browser = await launchBrowser();
  const first: number[] = [];
  const signIn: number[] = [];
  const cached: number[] = [];
  const pages: Record<'register' | 'queue' | 'detail', number[]> = { register: [], queue: [], detail: [] };
  let firstBytes = 0;
  let cachedBytes = 0;
  try {
    for (let i = 0; i < rounds; i++) {
      const { context, page } = await openPage(browser);
      let t = performance.now();
      await page.goto(`${base}/login`);
      await page.getByRole('button', { name: '登 录' }).waitFor();
      first.push(performance.now() - t);
      firstBytes = await transferred(page);

      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(password);
      t = performance.now();
      await page.getByRole('button', { name: '登 录' }).click();
      await page.waitForURL(`${base}/`);
      await page.goto(`${base}/items`);
      await page.locator('[data-test=item-table] tbody tr').first().waitFor();
      signIn.push(performance.now() - t);

      t = performance.now();
      await page.goto(`${base}/items`);
      await page.locator('[data-test=item-table] tbody tr').first().waitFor();
      cached.push(performance.now() - t);
      cachedBytes = await transferred(page);

      t = performance.now();
      await page.goto(`${base}/register`);
      await page.locator('[data-test=reg-save]').waitFor();
      pages.register.push(performance.now() - t);
      t = performance.now();
      await page.goto(`${base}/applications`);
      const firstRow = page.locator('[data-test=app-table] tbody tr').first();
      await page.locator('[data-test=app-table] .el-table__body-wrapper').waitFor();
      await page.locator('[data-test=app-table] .el-loading-mask').waitFor({ state: 'detached' });
      pages.queue.push(performance.now() - t);
      if ((await page.locator('[data-test=app-table] tbody tr td').count()) > 1) {
        const applyNo = ((await firstRow.locator('td').first().textContent()) ?? '').trim();
        t = performance.now();
        await page.goto(`${base}/applications/${applyNo}`);
        await page.locator('[data-test=timeline]').waitFor();
        pages.detail.push(performance.now() - t);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const med = (xs: number[]) => Math.round(percentiles(xs).p50);
  const result = {
    rounds,
    firstLoadMs: { p50: med(first), max: Math.round(Math.max(...first)) },
    signInToCatalogMs: { p50: med(signIn), max: Math.round(Math.max(...signIn)) },
    cachedLoadMs: { p50: med(cached), max: Math.round(Math.max(...cached)) },
    firstLoadKiB: Math.round(firstBytes / 1024),
    cachedLoadKiB: Math.round(cachedBytes / 1024),
    registerPageMs: pages.register.length ? med(pages.register) : null,
    queuePageMs: pages.queue.length ? med(pages.queue) : null,
    detailPageMs: pages.detail.length ? med(pages.detail) : null,
  };
  const ms = (v: number | null) => (v === null ? 'n/a (no application yet)' : `${v} ms`);
  console.log(`
  综窗受理工作台 in Chromium (${rounds} rounds, medians; max in brackets)
    first load, empty cache → login page     ${result.firstLoadMs.p50} ms (${result.firstLoadMs.max})   ${result.firstLoadKiB} KiB fetched
    sign-in → 事项目录 table shown            ${result.signInToCatalogMs.p50} ms (${result.signInToCatalogMs.max})
    cached load → 事项目录 table shown        ${result.cachedLoadMs.p50} ms (${result.cachedLoadMs.max})   ${result.cachedLoadKiB} KiB fetched
    cached → 受理登记 form shown              ${ms(result.registerPageMs)}
    cached → 申报件办理 queue shown            ${ms(result.queuePageMs)}
    cached → 申报件详情 with timeline          ${ms(result.detailPageMs)}
`);
  if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
