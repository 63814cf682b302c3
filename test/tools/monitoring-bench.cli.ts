import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCmppBench } from './cmpp-bench';
import { runIngestBench } from './ingest-bench';

/**
 * Monitoring stage of npm run bench: sustained metric ingestion with rollups running and alert
 * evaluation latency (target ≥ 1,000 samples/s, evaluation within one sampling interval), and CMPP
 * SUBMIT throughput with a window of 16 next to the protocol's ideal measured in the same run.
 */
const env = process.env;
const log = (l: string) => process.stdout.write(`[bench] ${l}\n`);

async function main(): Promise<void> {
  const db = { host: env.DB_HOST ?? '127.0.0.1', port: Number(env.DB_PORT ?? 3309), user: env.DB_USER ?? 'sim', password: env.DB_PASSWORD ?? 'sim' };
  const intervalS = Number(env.SAMPLE_INTERVAL_SECONDS ?? 15);
  const ingest = await runIngestBench(log, { db, database: `${env.DB_NAME_PREFIX ?? 'bench_'}ingest`, seconds: Number(env.BENCH_INGEST_SECONDS ?? 20) });
  const cmpp = await runCmppBench(log);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    [
      '',
      '=========================== monitoring benchmark ===========================',
      `  ingestion                 ${ingest.samplesPerSec.toFixed(0)} samples/s stored (${ingest.samples} in ${ingest.seconds.toFixed(1)} s, ${ingest.series} series, rollups running) — target ≥ 1,000: ${met(ingest.samplesPerSec >= 1000)}`,
      `  alert evaluation          stored → firing p50 ${ingest.alertEvalP50Ms.toFixed(1)} ms  p99 ${ingest.alertEvalP99Ms.toFixed(1)} ms  max ${ingest.alertEvalMaxMs.toFixed(1)} ms (n=${ingest.alertsMeasured}) — within one ${intervalS} s interval: ${met(ingest.alertEvalMaxMs < intervalS * 1000)}`,
      `  rollup runs               ${ingest.rollupRuns} runs, p50 ${ingest.rollupRunP50Ms.toFixed(0)} ms, max ${ingest.rollupRunMaxMs.toFixed(0)} ms`,
      `  CMPP SUBMIT (window ${cmpp.window})    ${cmpp.submitsPerSec.toFixed(0)}/s vs ideal window/RTT ${cmpp.idealPerSec.toFixed(0)}/s (RTT ${cmpp.rttMs.toFixed(3)} ms) → ${(cmpp.submitsPerSec / cmpp.idealPerSec).toFixed(2)} of ideal`,
      '=============================================================================',
      '',
    ].join('\n'),
  );
  if (env.BENCH_RESULT_FILE) {
    mkdirSync(dirname(env.BENCH_RESULT_FILE), { recursive: true });
    writeFileSync(env.BENCH_RESULT_FILE, JSON.stringify({ ingest, cmpp }, null, 2));
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench] monitoring stage failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
