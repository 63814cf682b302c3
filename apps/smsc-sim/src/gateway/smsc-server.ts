import { CmppConnection, CmppLogger, MsgIdGenerator, silentLogger } from '@app/cmpp';
import { createServer, Server } from 'node:net';
import { HandsetInbox, InboxMessage } from './handset-inbox';
import { defaultFaults, SmscFaults } from './smsc-faults';
import { PendingReport, SmscSession } from './smsc-session';

export interface SmscAccount {
  spId: string;
  secret: string;
}

export interface SmscServerOptions {
  host: string;
  /** 0 picks a free port (tests) */
  port: number;
  accounts: SmscAccount[];
  /** 22-bit gateway code written into every Msg_Id */
  gatewayId?: number;
  /** default status-report delay (fault `reportDelayMs` starts from it) */
  reportDelayMs?: number;
  /** the gateway sends ACTIVE_TEST after this long without traffic */
  activeTestIdleMs?: number;
  /** how long to wait for ACTIVE_TEST_RESP / DELIVER_RESP */
  responseTimeoutMs?: number;
  maxConnections?: number;
  faults?: Partial<SmscFaults>;
  logger?: CmppLogger;
}

export interface SmscStats {
  connections: { open: number; total: number; authFailures: number };
  submits: {
    received: number;
    accepted: number;
    dropped: number;
    responsesLost: number;
    flowControlRejects: number;
    faultDisconnects: number;
    maxUnanswered: number;
  };
  messages: { delivered: number; handsets: number; partial: number };
  duplicates: { to: string; content: string; count: number }[];
  reports: { sent: number; acked: number; pending: number };
  activeTests: { sent: number; answered: number; received: number };
}

/** Counters the sessions write; read through SmscServer.stats(). */
export interface SmscCounters {
  connectionsTotal: number;
  authFailures: number;
  submitsReceived: number;
  submitsAccepted: number;
  submitsDropped: number;
  responsesLost: number;
  flowControlRejects: number;
  faultDisconnects: number;
  maxUnanswered: number;
  reportsSent: number;
  reportsAcked: number;
  activeTestsSent: number;
  activeTestsAnswered: number;
  activeTestsReceived: number;
}

const zeroCounters = (): SmscCounters => ({
  connectionsTotal: 0,
  authFailures: 0,
  submitsReceived: 0,
  submitsAccepted: 0,
  submitsDropped: 0,
  responsesLost: 0,
  flowControlRejects: 0,
  faultDisconnects: 0,
  maxUnanswered: 0,
  reportsSent: 0,
  reportsAcked: 0,
  activeTestsSent: 0,
  activeTestsAnswered: 0,
  activeTestsReceived: 0,
});

/**
 * The simulated carrier gateway (ISMG/SMSC) speaking the server side of CMPP 2.0: checks logins
 * against the configured SP accounts, takes SUBMITs into the handset inbox, sends status reports,
 * keeps the link alive and misbehaves on demand (see SmscFaults). No Nest dependency, so tests run
 * it in-process.
 */
export class SmscServer {
  readonly inbox = new HandsetInbox();
  readonly counters: SmscCounters = zeroCounters();
  readonly msgIds: MsgIdGenerator;
  readonly logger: CmppLogger;
  private faultState: SmscFaults;
  /** SUBMITs seen since disconnectAfterSubmits was set */
  submitsSinceFault = 0;
  private readonly accounts: Map<string, string>;
  private readonly sessions = new Set<SmscSession>();
  /** reports that found no live session of their SP, sent on its next login */
  private readonly pendingReports = new Map<string, PendingReport[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private smscSequence = 0;

  constructor(readonly options: SmscServerOptions) {
    this.accounts = new Map(options.accounts.map((a) => [a.spId, a.secret]));
    this.msgIds = new MsgIdGenerator(options.gatewayId ?? 1);
    this.logger = options.logger ?? silentLogger;
    this.faultState = { ...defaultFaults(options.reportDelayMs ?? 200), ...options.faults };
  }

  async start(): Promise<number> {
    const server = createServer((socket) => {
      if (this.sessions.size >= (this.options.maxConnections ?? 64)) {
        socket.destroy();
        return;
      }
      this.counters.connectionsTotal++;
      const session = new SmscSession(this, new CmppConnection(socket));
      this.sessions.add(session);
      session.conn.on('close', () => {
        this.sessions.delete(session);
        session.dispose();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    return typeof addr === 'object' && addr ? addr.port : this.options.port;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sessions) s.conn.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get port(): number {
    const addr = this.server?.address();
    return typeof addr === 'object' && addr ? addr.port : this.options.port;
  }

  secretOf(spId: string): string | undefined {
    return this.accounts.get(spId);
  }

  get faults(): SmscFaults {
    return this.faultState;
  }

  /** Merges a patch into the active faults; setting disconnectAfterSubmits restarts its count. */
  setFaults(patch: Partial<SmscFaults>): SmscFaults {
    this.faultState = { ...this.faultState, ...patch };
    if (patch.disconnectAfterSubmits !== undefined) this.submitsSinceFault = 0;
    this.logger.log({ msg: 'faults changed', faults: this.faultState });
    return this.faultState;
  }

  resetFaults(): SmscFaults {
    this.faultState = defaultFaults(this.options.reportDelayMs ?? 200);
    return this.faultState;
  }

  /** Clears the inbox and the counters (not the faults, not the connections). */
  reset(): void {
    this.inbox.clear();
    Object.assign(this.counters, zeroCounters(), { connectionsTotal: this.sessions.size });
  }

  nextSmscSequence(): number {
    this.smscSequence = (this.smscSequence + 1) >>> 0;
    return this.smscSequence;
  }

  /** A timer the server cancels on stop, so nothing fires after shutdown. */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  onDelivered(message: InboxMessage): void {
    this.logger.log({ msg: 'message delivered to handset', to: message.to, segments: message.segments.length });
  }

  /** Sends a report on a live session of its SP (the original one if still up), else keeps it for the next login. */
  routeReport(report: PendingReport, preferred: SmscSession): void {
    const target = preferred.isBound ? preferred : [...this.sessions].find((s) => s.isBound && s.spId === report.spId);
    if (target) {
      target.sendReport(report);
      return;
    }
    const list = this.pendingReports.get(report.spId) ?? [];
    list.push(report);
    this.pendingReports.set(report.spId, list);
  }

  takePendingReports(spId: string): PendingReport[] {
    const list = this.pendingReports.get(spId) ?? [];
    this.pendingReports.delete(spId);
    return list;
  }

  stats(): SmscStats {
    const c = this.counters;
    return {
      connections: { open: [...this.sessions].filter((s) => s.isBound).length, total: c.connectionsTotal, authFailures: c.authFailures },
      submits: {
        received: c.submitsReceived,
        accepted: c.submitsAccepted,
        dropped: c.submitsDropped,
        responsesLost: c.responsesLost,
        flowControlRejects: c.flowControlRejects,
        faultDisconnects: c.faultDisconnects,
        maxUnanswered: c.maxUnanswered,
      },
      messages: { delivered: this.inbox.messageCount, handsets: this.inbox.handsetCount, partial: this.inbox.partialCount },
      duplicates: this.inbox.duplicates(),
      reports: { sent: c.reportsSent, acked: c.reportsAcked, pending: [...this.pendingReports.values()].reduce((n, l) => n + l.length, 0) },
      activeTests: { sent: c.activeTestsSent, answered: c.activeTestsAnswered, received: c.activeTestsReceived },
    };
  }
}
