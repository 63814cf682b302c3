import {
  authenticatorIsmg,
  authenticatorSource,
  CMPP_VERSION_2_0,
  CmppConnection,
  ConnectPdu,
  ConnectStatus,
  encodeStatusReport,
  MAX_CONTENT_BYTES,
  MsgFmt,
  msgIdToString,
  Pdu,
  sameDigest,
  SubmitPdu,
  SubmitResult,
  yymmddhhmm,
} from '@app/cmpp';
import type { SmscServer } from './smsc-server';

/** A status report waiting to be sent (or re-sent when the session carrying it dropped before DELIVER_RESP). */
export interface PendingReport {
  spId: string;
  /** the SP access number the original SUBMIT came from (Dest_Id of the report DELIVER) */
  destId: string;
  serviceId: string;
  msgId: bigint;
  to: string;
  stat: string;
  submittedAt: Date;
}

const LOGIN_TIMEOUT_MS = 10_000;
const HEARTBEAT_MAX_MISSES = 3;

/** The gateway's side of one SP connection. */
export class SmscSession {
  spId: string | null = null;
  private bound = false;
  private severed = false;
  /** Sequence_Ids of SUBMITs received and not answered yet: the client's window as seen from here */
  private readonly outstanding = new Set<number>();
  private readonly acceptedAt: number[] = [];
  private readonly unackedReports = new Map<number, PendingReport>();
  private readonly loginTimer: NodeJS.Timeout;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeat: { sentAt: number; misses: number } | null = null;

  constructor(
    private readonly server: SmscServer,
    readonly conn: CmppConnection,
  ) {
    this.loginTimer = setTimeout(() => conn.destroy(), LOGIN_TIMEOUT_MS);
    conn.on('pdu', (p) => this.onPdu(p));
    conn.on('protocolError', (err) => server.logger.warn({ msg: 'CMPP protocol error from SP; closing', err: err.message }));
  }

  get isBound(): boolean {
    return this.bound && !this.severed && this.conn.isOpen;
  }

  dispose(): void {
    this.bound = false;
    clearTimeout(this.loginTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    // reports never acknowledged go out again on another session of the SP (at least once, like a real gateway)
    for (const r of this.unackedReports.values()) this.server.routeReport(r, this);
    this.unackedReports.clear();
  }

  /**
   * The "connection drop" fault: answers already written still reach the client (they were on the
   * wire), nothing more is read or answered, and SUBMITs whose answers were pending are not stored.
   */
  private sever(): void {
    this.severed = true;
    this.conn.end();
    setTimeout(() => this.conn.destroy(), 1_000).unref();
  }

  private onPdu(p: Pdu): void {
    if (this.severed) return;
    if (!this.bound && p.command !== 'CONNECT') {
      this.conn.destroy();
      return;
    }
    const c = this.server.counters;
    switch (p.command) {
      case 'CONNECT':
        return this.onConnect(p);
      case 'SUBMIT':
        return this.onSubmit(p);
      case 'DELIVER_RESP':
        if (this.unackedReports.delete(p.seq)) c.reportsAcked++;
        return;
      case 'ACTIVE_TEST':
        c.activeTestsReceived++;
        this.conn.send({ command: 'ACTIVE_TEST_RESP', seq: p.seq });
        return;
      case 'ACTIVE_TEST_RESP':
        c.activeTestsAnswered++;
        this.heartbeat = null;
        return;
      case 'TERMINATE':
        this.conn.send({ command: 'TERMINATE_RESP', seq: p.seq });
        this.conn.end();
        return;
      case 'TERMINATE_RESP':
        this.conn.end();
        return;
      case 'CONNECT_RESP':
      case 'SUBMIT_RESP':
      case 'DELIVER':
      case 'UNKNOWN':
        this.server.logger.warn({ msg: 'unexpected PDU from SP ignored', command: p.command, spId: this.spId });
        return;
    }
  }

  private onConnect(p: ConnectPdu): void {
    if (this.bound) return;
    const secret = this.server.secretOf(p.sourceAddr);
    let status: number = ConnectStatus.OK;
    if (p.version >> 4 !== CMPP_VERSION_2_0 >> 4) status = ConnectStatus.VERSION_TOO_HIGH;
    else if (secret === undefined) status = ConnectStatus.BAD_SOURCE_ADDR;
    else if (!sameDigest(p.authenticatorSource, authenticatorSource(p.sourceAddr, secret, p.timestamp))) status = ConnectStatus.AUTH_FAILED;
    this.conn.send({
      command: 'CONNECT_RESP',
      seq: p.seq,
      status,
      authenticatorIsmg: authenticatorIsmg(status, p.authenticatorSource, secret ?? ''),
      version: CMPP_VERSION_2_0,
    });
    if (status !== ConnectStatus.OK) {
      this.server.counters.authFailures++;
      this.server.logger.warn({ msg: 'CONNECT refused', spId: p.sourceAddr, status });
      this.conn.end();
      return;
    }
    clearTimeout(this.loginTimer);
    this.bound = true;
    this.spId = p.sourceAddr;
    this.server.logger.log({ msg: 'SP logged in', spId: this.spId, remote: this.conn.socket.remoteAddress });
    this.startHeartbeat();
    for (const r of this.server.takePendingReports(this.spId)) this.sendReport(r);
  }

  private onSubmit(p: SubmitPdu): void {
    const s = this.server;
    const f = s.faults;
    const c = s.counters;
    c.submitsReceived++;
    this.outstanding.add(p.seq);
    c.maxUnanswered = Math.max(c.maxUnanswered, this.outstanding.size);
    if (f.disconnectAfterSubmits !== null) {
      if (s.submitsSinceFault >= f.disconnectAfterSubmits) {
        s.setFaults({ disconnectAfterSubmits: null });
        c.faultDisconnects++;
        s.logger.warn({ msg: 'fault: dropping the connection mid-window', spId: this.spId, unanswered: this.outstanding.size });
        this.sever();
        return;
      }
      s.submitsSinceFault++;
    }
    if (f.dropSubmitRate > 0 && Math.random() < f.dropSubmitRate) {
      c.submitsDropped++;
      return;
    }
    if (f.flowControlPerSec !== null) {
      const now = Date.now();
      while (this.acceptedAt.length > 0 && this.acceptedAt[0] <= now - 1000) this.acceptedAt.shift();
      if (this.acceptedAt.length >= f.flowControlPerSec) {
        c.flowControlRejects++;
        this.answer(p.seq, 0n, SubmitResult.FLOW_CONTROL);
        return;
      }
      this.acceptedAt.push(now);
    }
    const problem = submitProblem(p);
    if (problem !== null) {
      this.answer(p.seq, 0n, problem);
      return;
    }
    if (f.responseDelayMs > 0) s.later(f.responseDelayMs, () => this.accept(p));
    else this.accept(p);
  }

  /**
   * Stores the SUBMIT and answers it, in one step: a SUBMIT whose connection died before its answer
   * was written is not stored (the gateway "rolled it back"), so the client's resend is not a duplicate.
   * The loseResponseRate fault breaks exactly that rule to show what a lost answer costs.
   */
  private accept(p: SubmitPdu): void {
    if (this.severed || !this.conn.isOpen || !this.spId) return;
    const s = this.server;
    const msgId = s.msgIds.next();
    const submittedAt = new Date();
    s.counters.submitsAccepted++;
    for (const to of p.destTerminalIds) {
      const m = s.inbox.add({
        spId: this.spId,
        from: p.srcId,
        to,
        msgFmt: p.msgFmt,
        tpUdhi: p.tpUdhi,
        pkTotal: p.pkTotal,
        pkNumber: p.pkNumber,
        content: p.msgContent,
        msgId: msgIdToString(msgId),
      });
      if (m) s.onDelivered(m);
      if (p.registeredDelivery === 1) {
        const report: PendingReport = {
          spId: this.spId,
          destId: p.srcId,
          serviceId: p.serviceId,
          msgId,
          to,
          stat: s.faults.statusByNumber[to] ?? 'DELIVRD',
          submittedAt,
        };
        s.later(s.faults.reportDelayMs, () => s.routeReport(report, this));
      }
    }
    if (s.faults.loseResponseRate > 0 && Math.random() < s.faults.loseResponseRate) {
      s.counters.responsesLost++;
      return;
    }
    this.answer(p.seq, msgId, SubmitResult.OK);
  }

  private answer(seq: number, msgId: bigint, result: number): void {
    this.outstanding.delete(seq);
    this.conn.send({ command: 'SUBMIT_RESP', seq, msgId, result });
  }

  sendReport(r: PendingReport): void {
    const s = this.server;
    const seq = this.conn.nextSeq();
    const content = encodeStatusReport({
      msgId: r.msgId,
      stat: r.stat,
      submitTime: yymmddhhmm(r.submittedAt),
      doneTime: yymmddhhmm(new Date()),
      destTerminalId: r.to,
      smscSequence: s.nextSmscSequence(),
    });
    const deliver = {
      command: 'DELIVER' as const,
      seq,
      msgId: s.msgIds.next(),
      destId: r.destId,
      serviceId: r.serviceId,
      tpPid: 0,
      tpUdhi: 0,
      msgFmt: MsgFmt.ASCII,
      srcTerminalId: r.to,
      registeredDelivery: 1,
      msgContent: content,
    };
    if (!this.conn.send(deliver)) {
      s.routeReport(r, this);
      return;
    }
    this.unackedReports.set(seq, r);
    s.counters.reportsSent++;
    if (s.faults.duplicateReportRate > 0 && Math.random() < s.faults.duplicateReportRate) {
      this.conn.send({ ...deliver, seq: this.conn.nextSeq() });
      s.counters.reportsSent++;
    }
  }

  private startHeartbeat(): void {
    const o = this.server.options;
    const idle = o.activeTestIdleMs ?? 30_000;
    const timeout = o.responseTimeoutMs ?? 10_000;
    this.heartbeatTimer = setInterval(
      () => {
        const now = Date.now();
        if (this.heartbeat) {
          if (now - this.heartbeat.sentAt < timeout) return;
          if (++this.heartbeat.misses >= HEARTBEAT_MAX_MISSES) {
            this.server.logger.warn({ msg: 'SP does not answer ACTIVE_TEST; closing', spId: this.spId });
            this.conn.destroy();
            return;
          }
          this.heartbeat.sentAt = now;
        } else if (now - this.conn.lastReceivedAt >= idle) {
          this.heartbeat = { sentAt: now, misses: 0 };
        } else {
          return;
        }
        this.server.counters.activeTestsSent++;
        this.conn.send({ command: 'ACTIVE_TEST', seq: this.conn.nextSeq() });
      },
      Math.max(10, Math.floor(Math.min(idle, timeout) / 4)),
    );
  }
}

/** Structural checks a gateway makes before taking a SUBMIT; returns a Result code or null. */
function submitProblem(p: SubmitPdu): number | null {
  if (p.pkTotal < 1 || p.pkNumber < 1 || p.pkNumber > p.pkTotal) return SubmitResult.BAD_STRUCTURE;
  const limit = p.msgFmt === MsgFmt.ASCII ? 159 : MAX_CONTENT_BYTES;
  if (p.msgContent.length === 0 || p.msgContent.length > limit) return SubmitResult.TOO_LONG;
  return null;
}
