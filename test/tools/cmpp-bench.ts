import { CmppClient } from '@app/cmpp';
import { performance } from 'node:perf_hooks';
import { SmscServer } from '../../apps/smsc-sim/src/gateway/smsc-server';

export interface CmppBenchResult {
  /** SUBMITs answered per second with a full window */
  submitsPerSec: number;
  /** median round trip of one SUBMIT alone (send → SUBMIT_RESP), in ms */
  rttMs: number;
  /** what the window allows at that round trip: window / rtt */
  idealPerSec: number;
  window: number;
}

export interface CmppBenchOptions {
  /** SUBMITs in the throughput phase (default 5000) */
  count?: number;
  /** sequential SUBMITs timed for the round trip (default 300) */
  rttSamples?: number;
}

const SP = { spId: '900001', secret: 'bench-secret' };
const WINDOW = 16;

/**
 * SUBMIT throughput of CmppClient against the simulated gateway (in this process, loopback TCP),
 * next to the protocol's ideal for the same run: with a window of W unanswered SUBMITs and a
 * round trip of R, a session cannot exceed W / R. Single-segment ASCII messages, no reports.
 */
export async function runCmppBench(log: (line: string) => void, opts: CmppBenchOptions = {}): Promise<CmppBenchResult> {
  const count = opts.count ?? 5000;
  const samples = opts.rttSamples ?? 300;
  const server = new SmscServer({ host: '127.0.0.1', port: 0, accounts: [SP], reportDelayMs: 0 });
  const port = await server.start();
  const client = new CmppClient({ host: '127.0.0.1', port, ...SP, srcId: '106900001', window: WINDOW });
  try {
    await client.connect();
    // warm-up (JIT, socket buffers)
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => client.submit({ key: `warm-${i}`, to: ['13800000000'], text: `warm-up ${i}`, requestReport: false })),
    );

    const rtts: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      await client.submit({ key: `rtt-${i}`, to: ['13800000001'], text: `round trip ${i}`, requestReport: false });
      rtts.push(performance.now() - t0);
    }
    rtts.sort((a, b) => a - b);
    const rttMs = rtts[Math.floor(rtts.length / 2)];

    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.submit({ key: `tp-${i}`, to: [`1390000${String(i % 10_000).padStart(4, '0')}`], text: `bench alert ${i}`, requestReport: false }),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    const submitsPerSec = count / seconds;
    const idealPerSec = WINDOW / (rttMs / 1000);
    log(
      `CMPP SUBMIT: ${Math.round(submitsPerSec)}/s with window ${WINDOW}; single round trip ${rttMs.toFixed(3)} ms → ideal ${Math.round(idealPerSec)}/s (${((100 * submitsPerSec) / idealPerSec).toFixed(0)}% of ideal)`,
    );
    return { submitsPerSec, rttMs, idealPerSec, window: WINDOW };
  } finally {
    await client.close(1_000);
    await server.stop();
  }
}
