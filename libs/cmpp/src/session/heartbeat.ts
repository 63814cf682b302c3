import { CmppLogger } from './client.types';
import { Settings } from './client-settings';
import { CmppConnection } from './cmpp-connection';

/**
 * ACTIVE_TEST keep-alive of one client: probes a link that has been quiet for `idleMs` and drops it
 * (the client then reconnects) after `heartbeatMaxMisses` unanswered probes.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private probe: { sentAt: number; misses: number } | null = null;

  constructor(
    private readonly o: Pick<Settings, 'idleMs' | 'responseTimeoutMs' | 'heartbeatMaxMisses'>,
    private readonly logger: CmppLogger,
    private readonly counters: { activeTestsSent: number; activeTestsAnswered: number },
    /** the connection to watch, null while the session is not ready */
    private readonly liveConnection: () => CmppConnection | null,
  ) {}

  start(): void {
    this.stop();
    const tick = Math.max(10, Math.floor(Math.min(this.o.idleMs, this.o.responseTimeoutMs) / 4));
    this.timer = setInterval(() => this.tick(), tick);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.probe = null;
  }

  /** ACTIVE_TEST_RESP arrived. */
  answered(): void {
    this.probe = null;
    this.counters.activeTestsAnswered++;
  }

  private tick(): void {
    const conn = this.liveConnection();
    if (!conn) return;
    const now = Date.now();
    if (this.probe) {
      if (now - this.probe.sentAt < this.o.responseTimeoutMs) return;
      this.probe.misses++;
      if (this.probe.misses >= this.o.heartbeatMaxMisses) {
        this.logger.error({ msg: 'ACTIVE_TEST unanswered; the link is dead, reconnecting', misses: this.probe.misses });
        conn.destroy();
        return;
      }
      this.probe.sentAt = now;
    } else if (now - conn.lastReceivedAt >= this.o.idleMs) {
      this.probe = { sentAt: now, misses: 0 };
    } else {
      return;
    }
    this.counters.activeTestsSent++;
    conn.send({ command: 'ACTIVE_TEST', seq: conn.nextSeq() });
  }
}
