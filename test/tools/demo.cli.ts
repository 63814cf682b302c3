import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dayAtTheWindow, renderSummary } from './day-at-the-window';
import { opsTour, renderOpsSummary } from './ops-demo';

/** Runs the scripted day against running apps; scripts/demo.mjs starts everything and calls this. */
async function main(): Promise<void> {
  const env = process.env;
  const summary = await dayAtTheWindow({
    platformUrl: env.PLATFORM_URL ?? 'http://127.0.0.1:7100',
    deptSimUrl: env.DEPT_SIM_URL ?? 'http://127.0.0.1:7200',
    clerks: (env.DEMO_CLERKS ?? '')
      .split(',')
      .filter(Boolean)
      .map((p) => ({ username: p.slice(0, p.indexOf(':')), password: p.slice(p.indexOf(':') + 1) })),
    applications: Number(env.DEMO_APPLICATIONS ?? 240),
    concurrency: Number(env.DEMO_CONCURRENCY ?? 8),
    timeoutMs: Number(env.DEMO_TIMEOUT_MS ?? 300_000),
    log: (l) => process.stdout.write(`[demo] ${l}\n`),
  });
  process.stdout.write(`${renderSummary(summary)}\n`);
  const log = (l: string) => process.stdout.write(`[demo] ${l}\n`);
  const ops =
    env.OPS_URL && env.CITY_URL
      ? await opsTour({
          opsUrl: env.OPS_URL,
          cityUrl: env.CITY_URL,
          deptSimUrl: env.DEPT_SIM_URL ?? 'http://127.0.0.1:7200',
          mailSimUrl: env.MAIL_SIM_URL,
          smscSimUrl: env.SMSC_SIM_URL,
          opsAccount: env.DEMO_OPS_ACCOUNT,
          cityAccount: env.DEMO_CITY_ACCOUNT,
          log,
        })
      : undefined;
  if (ops) process.stdout.write(`${renderOpsSummary(ops)}\n`);
  if (env.DEMO_SUMMARY_FILE) {
    mkdirSync(dirname(env.DEMO_SUMMARY_FILE), { recursive: true });
    writeFileSync(env.DEMO_SUMMARY_FILE, JSON.stringify({ exchange: summary, ops }, null, 2));
  }
  const noticeMissing = ops?.alertNotice && (ops.alertNotice.mailInMs === null || ops.alertNotice.smsInMs === null);
  if (ops && (ops.categories.some((c) => !c.lastSuccessAt || c.refused > 0) || !ops.downlink || !ops.workOrderFromCity || noticeMissing)) {
    process.stderr.write('[demo] the ops node did not report every category, or the work order / downlink / alert notice did not arrive\n');
    process.exitCode = 3;
  }
  const unfinished = summary.applications - (summary.byState.CONCLUDED ?? 0);
  if (unfinished > 0) {
    process.stderr.write(`[demo] ${unfinished} application(s) did not conclude in time\n`);
    process.exitCode = 2;
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[demo] failed: ${err.message}\n`);
  process.exit(1);
});
