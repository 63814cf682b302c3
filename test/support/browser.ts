import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Screenshots of the journeys, kept after the run (the README and docs/ take a few of them). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '.data', 'screenshots');

/** Debian's Chromium (installed by scripts/test.mjs with fonts-noto-cjk); playwright's own download does not work here. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error("chromium not found: npm test installs Debian's chromium package; or set CHROMIUM_PATH");
  }
}

/**
 * A headless Chromium for one suite. Flags: no sandbox (root in CI), nothing that reaches the
 * closed network (background networking, component updates, sync), a fresh profile.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A page in Beijing time and Chinese, which records every console error, failed request and
 * uncaught exception of the page so that a journey can assert there were none.
 */
export async function openPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Europe/London', viewport });
  await context.addInitScript(() => {
    Error.stackTraceLimit = 30;
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) =>
    problems.push(
      `page error: ${e.message}${
        e.stack
          ? ` (${e.stack
              .split('\n')
              .slice(1, 13)
              .map((l) => l.trim())
              .join(' ← ')})`
          : ''
      }`,
    ),
  );
  // the console line of a failed load does not name the URL: record it here
  page.on('response', (r) => {
    if (r.status() >= 400 && r.status() !== 401) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // a read the browser cancels because the page leaves (a journey's page.goto while the home
    // page's counters are still loading, or a server push closed on leaving) is aborted by design;
    // a server that is down or drops the connection fails with another code and is still recorded
    if (r.method() === 'GET' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/**
 * axe-core's serious and critical violations of the page once it has settled (WCAG 2 A/AA rules):
 * running CSS transitions and animations (a toast fading in, a tag zooming in) are awaited first,
 * since a half-transparent element is judged by its passing colour.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // a function, not a string: the consoles' CSP forbids eval (this file compiles without the DOM library)
  await page.waitForFunction(() => {
    type Running = { playState: string; effect: { getTiming(): { iterations: number } } | null };
    const doc = (globalThis as unknown as { document: { getAnimations(): Running[] } }).document;
    return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
  });
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // evaluated in the page (a string: this file compiles without the DOM library)
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}
