import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createConnection } from 'node:net';
import { authenticatorIsmg, authenticatorSource, sameDigest } from '../protocol/authenticator';
import { mmddhhmmss } from '../protocol/china-time';
import { CMPP_VERSION_2_0, ConnectStatus, FIELD, MAX_DESTINATIONS, SubmitResult } from '../protocol/constants';
import { CmppEncodeError } from '../protocol/errors';
import { msgIdToString } from '../protocol/msg-id';
import { DeliverPdu, Pdu, SubmitPdu, SubmitRespPdu } from '../protocol/pdu.types';
import { decodeStatusReport } from '../protocol/status-report';
import { Reassembler } from '../text/reassembler';
import { segmentText } from '../text/segmenter';
import { decodeText } from '../text/text-codec';
import { parseUdh } from '../text/udh';
import { reconnectDelayMs } from './backoff';
import { BoundedMap } from './bounded-map';
import { CmppClientEvents, CmppClientOptions, CmppClientStats, CmppLogger, silentLogger, SubmitOutcome, SubmitRequest } from './client.types';
import { CmppConnection } from './cmpp-connection';
import { CmppAuthError, CmppClosedError, CmppKeyConflictError, CmppSubmitRejectedError, CmppSubmitTimeoutError } from './errors';

type State = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed';

interface MessageJob {
  key: string;
  to: string[];
  fingerprint: string;
  segments: SegmentJob[];
  msgIds: (string | null)[];
  done: boolean;
  promise: Promise<SubmitOutcome>;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: Error) => void;
}

interface SegmentJob {
  message: MessageJob;
  index: number;
  pdu: Omit<SubmitPdu, 'seq'>;
  /** transmissions on the current connection */
  attempts: number;
  flowRetries: number;
}

interface InFlight {
  job: SegmentJob;
  timer: NodeJS.Timeout;
}

type Required2<T> = { [K in keyof T]-?: T[K] };
type Settings = Required2<Omit<CmppClientOptions, 'logger' | 'now'>>;

const TERMINAL_ID = /^\+?[0-9]{1,20}$/;

/**
 * A CMPP 2.0 SP session to a carrier gateway (ISMG): login, a window of unanswered SUBMITs,
 * heartbeats, resend on timeout, reconnect with backoff, status reports. See libs/cmpp/README.md
 * for the delivery guarantees.
 */
export class CmppClient extends EventEmitter<CmppClientEvents> {
  private readonly o: Settings;
  private readonly logger: CmppLogger;
  private readonly now: () => Date;
  private state: State = 'idle';
  private conn: CmppConnection | null = null;
  private readonly queue: SegmentJob[] = [];
  private readonly inFlight = new Map<number, InFlight>();
  private readonly messages = new Map<string, MessageJob>();
  private readonly completed: BoundedMap<string, { fingerprint: string; outcome: SubmitOutcome }>;
  private readonly byMsgId = new BoundedMap<string, { key: string; seq: number }>(100_000);
  private readonly seenReports = new BoundedMap<string, true>(100_000);
  private readonly moParts = new Reassembler<string>(10 * 60_000);
  private readonly delayed = new Set<NodeJS.Timeout>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** after a flow-control refusal, nothing is sent before this instant */
  private pausedUntil = 0;
  private pauseTimer: NodeJS.Timeout | null = null;
  private reconnectAttempt = 0;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeat: { sentAt: number; misses: number } | null = null;
  private terminateWaiter: (() => void) | null = null;
  private drainWaiter: (() => void) | null = null;
  private closing: Promise<void> | null = null;
  private udhRef = Math.floor(Math.random() * 256);
  private readonly counters = { maxInFlight: 0, submitsSent: 0, resends: 0, requeuedAfterDisconnect: 0, flowControlRetries: 0, connects: 0, activeTestsSent: 0, activeTestsAnswered: 0, reportsReceived: 0, duplicateReports: 0 };

  constructor(options: CmppClientOptions) {
    super();
    this.o = {
      serviceId: '',
      window: 16,
      responseTimeoutMs: 10_000,
      maxResends: 2,
      idleMs: 30_000,
      heartbeatMaxMisses: 3,
      connectTimeoutMs: 10_000,
      reconnectBaseMs: 500,
      reconnectMaxMs: 30_000,
      flowControlDelayMs: 1_000,
      maxFlowControlRetries: 30,
      maxSegments: 10,
      rememberKeys: 10_000,
      ...stripUndefined(options),
    } as Settings;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    const o = this.o;
    if (o.spId.length < 1 || o.spId.length > FIELD.SOURCE_ADDR) throw new CmppEncodeError(`spId must be 1..${FIELD.SOURCE_ADDR} characters`);
    if (!TERMINAL_ID.test(o.srcId)) throw new CmppEncodeError('srcId must be digits (at most 21)');
    if (o.serviceId.length > FIELD.SERVICE_ID) throw new CmppEncodeError(`serviceId must be at most ${FIELD.SERVICE_ID} characters`);
    if (!Number.isInteger(o.window) || o.window < 1 || o.window > 1024) throw new RangeError('window must be 1..1024');
    this.completed = new BoundedMap(o.rememberKeys);
  }

  /** Opens the first session (TCP + CONNECT). Rejects with CmppAuthError when the gateway refuses the login. */
  async connect(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`connect() in state ${this.state}`);
    this.state = 'connecting';
    try {
      await this.openSession(false);
    } catch (err) {
      if (this.state === 'connecting') this.state = 'idle';
      throw err;
    }
  }

  /**
   * Queues a message and resolves once every segment has its SUBMIT_RESP (Result 0), with the
   * gateway's Msg_Id per segment. Rejects with CmppSubmitRejectedError, CmppSubmitTimeoutError
   * (outcome unknown) or CmppClosedError. Submitting a key again while it is in flight returns
   * the same promise; after success, the remembered outcome (replayed = true); nothing is resent.
   */
  submit(req: SubmitRequest): Promise<SubmitOutcome> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(new CmppClosedError(req.key));
    let job: MessageJob;
    try {
      const to = [...new Set(req.to)];
      if (typeof req.key !== 'string' || req.key.length === 0) throw new CmppEncodeError('key is required');
      if (to.length < 1 || to.length > MAX_DESTINATIONS) throw new CmppEncodeError(`to must list 1..${MAX_DESTINATIONS} numbers`);
      for (const t of to) if (!TERMINAL_ID.test(t)) throw new CmppEncodeError(`"${t}" is not a terminal number`);
      const fingerprint = createHash('sha256').update(JSON.stringify([to, req.text, req.requestReport])).digest('hex');
      const running = this.messages.get(req.key);
      if (running) return running.fingerprint === fingerprint ? running.promise : Promise.reject(new CmppKeyConflictError(req.key));
      const earlier = this.completed.get(req.key);
      if (earlier) return earlier.fingerprint === fingerprint ? Promise.resolve({ ...earlier.outcome, replayed: true }) : Promise.reject(new CmppKeyConflictError(req.key));
      job = this.buildJob(req, to, fingerprint);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    this.messages.set(job.key, job);
    this.queue.push(...job.segments);
    this.pump();
    return job.promise;
  }

  /**
   * Graceful shutdown: refuses new submits, fails queued ones (never sent) with CmppClosedError,
   * waits up to `drainMs` for the SUBMITs in the window to be answered, then TERMINATE.
   */
  close(drainMs = 5_000): Promise<void> {
    this.closing ??= this.doClose(drainMs);
    return this.closing;
  }

  get stats(): CmppClientStats {
    return { state: this.state, inFlight: this.inFlight.size, queued: this.queue.length, ...this.counters };
  }

  // ---- session -------------------------------------------------------------------------------

  private async openSession(reconnect: boolean): Promise<void> {
    const socket = createConnection({ host: this.o.host, port: this.o.port });
    const conn = new CmppConnection(socket);
    try {
      await this.login(conn);
    } catch (err) {
      conn.destroy();
      throw err;
    }
    if (this.state === 'closing' || this.state === 'closed') {
      conn.destroy();
      throw new CmppClosedError('(connect)');
    }
    this.conn = conn;
    this.state = 'ready';
    this.counters.connects++;
    conn.on('pdu', (p) => this.onPdu(conn, p));
    conn.on('close', () => this.onConnectionLost(conn));
    conn.on('protocolError', (err) => this.logger.error({ msg: 'CMPP protocol error from gateway; dropping the connection', err: err.message }));
    this.startHeartbeat();
    this.logger.log({ msg: reconnect ? 'CMPP session re-established' : 'CMPP session established', host: this.o.host, port: this.o.port, spId: this.o.spId, resending: this.queue.length });
    this.emit('connected', { reconnect });
    this.pump();
  }

  private login(conn: CmppConnection): Promise<void> {
    const ts = mmddhhmmss(this.now());
    const auth = authenticatorSource(this.o.spId, this.o.secret, ts);
    return new Promise<void>((resolve, reject) => {
      let socketError = '';
      const onSocketError = (err: Error) => (socketError = err.message);
      const done = (err?: Error) => {
        clearTimeout(timer);
        conn.off('pdu', onPdu);
        conn.off('close', onClose);
        conn.socket.off('error', onSocketError);
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => done(new Error(`no CONNECT_RESP from ${this.o.host}:${this.o.port} within ${this.o.connectTimeoutMs} ms`)), this.o.connectTimeoutMs);
      const onClose = () => done(new Error(`connection to ${this.o.host}:${this.o.port} closed during login${socketError ? `: ${socketError}` : ''}`));
      const onPdu = (p: Pdu) => {
        if (p.command !== 'CONNECT_RESP') return;
        if (p.status !== ConnectStatus.OK) return done(new CmppAuthError(p.status));
        // the gateway proves it knows the secret too; a mismatch means we reached an impostor or a misconfigured peer
        if (!sameDigest(p.authenticatorIsmg, authenticatorIsmg(p.status, auth, this.o.secret))) return done(new CmppAuthError(ConnectStatus.AUTH_FAILED, 'AuthenticatorISMG does not match the shared secret'));
        done();
      };
      conn.socket.on('error', onSocketError);
      conn.on('pdu', onPdu);
      conn.on('close', onClose);
      conn.send({ command: 'CONNECT', seq: conn.nextSeq(), sourceAddr: this.o.spId, authenticatorSource: auth, version: CMPP_VERSION_2_0, timestamp: Number(ts) });
    });
  }

  private onPdu(conn: CmppConnection, p: Pdu): void {
    switch (p.command) {
      case 'SUBMIT_RESP':
        return this.onSubmitResp(p);
      case 'DELIVER':
        return this.onDeliver(conn, p);
      case 'ACTIVE_TEST':
        conn.send({ command: 'ACTIVE_TEST_RESP', seq: p.seq });
        return;
      case 'ACTIVE_TEST_RESP':
        this.heartbeat = null;
        this.counters.activeTestsAnswered++;
        return;
      case 'TERMINATE':
        // the gateway is closing this session (maintenance, overload); answer and let it close, then reconnect
        this.logger.warn({ msg: 'gateway sent TERMINATE' });
        conn.send({ command: 'TERMINATE_RESP', seq: p.seq });
        conn.end();
        return;
      case 'TERMINATE_RESP':
        this.terminateWaiter?.();
        return;
      case 'CONNECT':
      case 'CONNECT_RESP':
      case 'SUBMIT':
      case 'DELIVER_RESP':
      case 'UNKNOWN':
        this.logger.warn({ msg: 'unexpected PDU from gateway ignored', command: p.command, seq: p.seq });
        return;
    }
  }

  private onConnectionLost(conn: CmppConnection): void {
    if (conn !== this.conn) return;
    this.conn = null;
    this.stopHeartbeat();
    // every SUBMIT still unanswered goes back to the head of the queue, in the order it was sent;
    // answered ones are final and never resent
    const unanswered: SegmentJob[] = [];
    for (const f of this.inFlight.values()) {
      clearTimeout(f.timer);
      if (!f.job.message.done) unanswered.push(f.job);
    }
    this.inFlight.clear();
    for (const j of unanswered) j.attempts = 0;
    this.queue.unshift(...unanswered);
    this.counters.requeuedAfterDisconnect += unanswered.length;
    this.drainWaiter?.();
    this.terminateWaiter?.();
    if (this.state !== 'ready') return;
    this.state = 'reconnecting';
    this.logger.warn({ msg: 'CMPP connection lost; reconnecting', unanswered: unanswered.length, queued: this.queue.length });
    this.emit('disconnected', { reason: 'connection closed', unanswered: unanswered.length });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectAttempt++;
    const delay = reconnectDelayMs(this.reconnectAttempt, this.o.reconnectBaseMs, this.o.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.openSession(true).then(
        () => (this.reconnectAttempt = 0),
        (err: Error) => {
          if (this.state !== 'reconnecting') return;
          if (err instanceof CmppAuthError) this.emit('authFailed', { status: err.status });
          this.logger.warn({ msg: 'CMPP reconnect failed', attempt: this.reconnectAttempt, err: err.message });
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  // ---- submit window -------------------------------------------------------------------------

  private buildJob(req: SubmitRequest, to: string[], fingerprint: string): MessageJob {
    this.udhRef = (this.udhRef + 1) & 0xff;
    const seg = segmentText(req.text, this.udhRef, this.o.maxSegments);
    let resolve!: (o: SubmitOutcome) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<SubmitOutcome>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job: MessageJob = { key: req.key, to, fingerprint, segments: [], msgIds: seg.segments.map(() => null), done: false, promise, resolve, reject };
    job.segments = seg.segments.map((s, index) => ({
      message: job,
      index,
      attempts: 0,
      flowRetries: 0,
      pdu: {
        command: 'SUBMIT',
        msgId: 0n,
        pkTotal: s.pkTotal,
        pkNumber: s.pkNumber,
        registeredDelivery: req.requestReport ? 1 : 0,
        msgLevel: 0,
        serviceId: this.o.serviceId,
        feeUserType: 2, // the SP pays: alerts are free to the recipient
        feeTerminalId: '',
        tpPid: 0,
        tpUdhi: s.tpUdhi,
        msgFmt: seg.msgFmt,
        msgSrc: this.o.spId,
        feeType: '01', // free
        feeCode: '000000',
        validTime: '',
        atTime: '',
        srcId: this.o.srcId,
        destTerminalIds: to,
        msgContent: s.content,
      },
    }));
    return job;
  }

  private pump(): void {
    const conn = this.conn;
    if (this.state !== 'ready' || !conn) return;
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) {
      if (!this.pauseTimer) {
        this.pauseTimer = setTimeout(() => {
          this.pauseTimer = null;
          this.pump();
        }, wait);
      }
      return;
    }
    while (this.inFlight.size < this.o.window && this.queue.length > 0) {
      const job = this.queue.shift()!;
      if (job.message.done) continue;
      this.transmit(conn, job, conn.nextSeq());
    }
  }

  private transmit(conn: CmppConnection, job: SegmentJob, seq: number): void {
    job.attempts++;
    this.counters.submitsSent++;
    const timer = setTimeout(() => this.onSubmitTimeout(conn, seq), this.o.responseTimeoutMs);
    // a resend keeps its Sequence_Id (and its place in the map), so a late first answer still matches
    this.inFlight.set(seq, { job, timer });
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight.size);
    conn.send({ ...job.pdu, seq });
  }

  private onSubmitTimeout(conn: CmppConnection, seq: number): void {
    const f = this.inFlight.get(seq);
    if (!f || conn !== this.conn) return;
    if (f.job.attempts <= this.o.maxResends) {
      this.counters.resends++;
      this.logger.warn({ msg: 'SUBMIT_RESP timeout; resending', key: f.job.message.key, seq, attempt: f.job.attempts });
      this.transmit(conn, f.job, seq);
      return;
    }
    this.inFlight.delete(seq);
    this.failMessage(f.job.message, new CmppSubmitTimeoutError(f.job.message.key, f.job.attempts));
    // an unanswered window means a dead or wedged link: start over on a fresh connection
    this.logger.error({ msg: 'SUBMIT unanswered after all resends; dropping the connection', key: f.job.message.key });
    conn.destroy();
  }

  private onSubmitResp(p: SubmitRespPdu): void {
    const f = this.inFlight.get(p.seq);
    if (!f) {
      this.logger.warn({ msg: 'SUBMIT_RESP for no outstanding SUBMIT (late answer to a resend?)', seq: p.seq, result: p.result });
      return;
    }
    clearTimeout(f.timer);
    this.inFlight.delete(p.seq);
    const job = f.job;
    const msg = job.message;
    if (!msg.done) {
      if (p.result === SubmitResult.OK) this.segmentAccepted(job, msgIdToString(p.msgId));
      else if (p.result === SubmitResult.FLOW_CONTROL && job.flowRetries < this.o.maxFlowControlRetries) this.retryLater(job);
      else this.failMessage(msg, new CmppSubmitRejectedError(msg.key, p.result, msg.msgIds.filter((x) => x !== null).length));
    }
    if (this.inFlight.size === 0) this.drainWaiter?.();
    this.pump();
  }

  private segmentAccepted(job: SegmentJob, msgId: string): void {
    const msg = job.message;
    msg.msgIds[job.index] = msgId;
    this.byMsgId.set(msgId, { key: msg.key, seq: job.index + 1 });
    this.emit('submitted', { key: msg.key, msgId, seq: job.index + 1, total: msg.segments.length, to: msg.to });
    if (msg.msgIds.every((x) => x !== null)) {
      msg.done = true;
      this.messages.delete(msg.key);
      const outcome: SubmitOutcome = { key: msg.key, segments: msg.msgIds.map((id, i) => ({ msgId: id!, seq: i + 1 })), replayed: false };
      this.completed.set(msg.key, { fingerprint: msg.fingerprint, outcome });
      msg.resolve(outcome);
    }
  }

  /**
   * Flow control (Result 8): the gateway did not take the segment. The whole session pauses for
   * `flowControlDelayMs` (the gateway is telling us to slow down, not that this segment is bad),
   * and the segment is offered again after its own delay, doubling up to 32× on each refusal.
   */
  private retryLater(job: SegmentJob): void {
    job.flowRetries++;
    job.attempts = 0;
    this.counters.flowControlRetries++;
    const base = this.o.flowControlDelayMs;
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + base);
    const t = setTimeout(() => {
      this.delayed.delete(t);
      if (job.message.done || this.state === 'closing' || this.state === 'closed') return;
      this.queue.unshift(job);
      this.pump();
    }, base * Math.min(32, 2 ** (job.flowRetries - 1)));
    this.delayed.add(t);
  }

  private failMessage(msg: MessageJob, err: Error): void {
    if (msg.done) return;
    msg.done = true;
    this.messages.delete(msg.key);
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].message === msg) this.queue.splice(i, 1);
    this.logger.warn({ msg: 'CMPP message failed', key: msg.key, err: err.message });
    msg.reject(err);
  }

  // ---- deliver / reports ---------------------------------------------------------------------

  private onDeliver(conn: CmppConnection, p: DeliverPdu): void {
    if (p.registeredDelivery === 1) {
      let report;
      try {
        report = decodeStatusReport(p.msgContent);
      } catch (err) {
        this.logger.error({ msg: 'malformed status report', err: (err as Error).message });
        conn.send({ command: 'DELIVER_RESP', seq: p.seq, msgId: p.msgId, result: SubmitResult.BAD_STRUCTURE });
        return;
      }
      // acknowledge first: the gateway resends unacknowledged reports, whatever our listeners do
      conn.send({ command: 'DELIVER_RESP', seq: p.seq, msgId: p.msgId, result: SubmitResult.OK });
      const msgId = msgIdToString(report.msgId);
      const dedupe = `${msgId}|${report.destTerminalId}|${report.stat}`;
      if (this.seenReports.has(dedupe)) {
        this.counters.duplicateReports++;
        return;
      }
      this.seenReports.set(dedupe, true);
      this.counters.reportsReceived++;
      const origin = this.byMsgId.get(msgId);
      this.emitSafely('report', { msgId, stat: report.stat, delivered: report.stat === 'DELIVRD', to: report.destTerminalId, submitTime: report.submitTime, doneTime: report.doneTime, smscSequence: report.smscSequence, key: origin?.key, seq: origin?.seq });
      return;
    }
    conn.send({ command: 'DELIVER_RESP', seq: p.seq, msgId: p.msgId, result: SubmitResult.OK });
    const udh = p.tpUdhi === 1 ? parseUdh(p.msgContent) : null;
    const body = udh ? udh.body : p.msgContent;
    const text = decodeText(body, p.msgFmt);
    const concat = udh?.concat;
    const msgId = msgIdToString(p.msgId);
    const r = this.moParts.add({ key: `${p.srcTerminalId}>${p.destId}`, ref: concat?.ref ?? 0, total: concat?.total ?? 1, seq: concat?.seq ?? 1, text, meta: msgId });
    if (r.status === 'complete') this.emitSafely('deliver', { msgId: r.message.parts[0].meta, from: p.srcTerminalId, to: p.destId, serviceId: p.serviceId, text: r.message.text });
    this.moParts.sweep();
  }

  private emitSafely<E extends 'report' | 'deliver'>(event: E, ...args: CmppClientEvents[E]): void {
    try {
      (this.emit as (e: E, ...a: CmppClientEvents[E]) => boolean)(event, ...args);
    } catch (err) {
      this.logger.error({ msg: `a '${event}' listener threw`, err: (err as Error).message });
    }
  }

  // ---- heartbeat -----------------------------------------------------------------------------

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const tick = Math.max(10, Math.floor(Math.min(this.o.idleMs, this.o.responseTimeoutMs) / 4));
    this.heartbeatTimer = setInterval(() => this.heartbeatTick(), tick);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.heartbeat = null;
  }

  private heartbeatTick(): void {
    const conn = this.conn;
    if (!conn || this.state !== 'ready') return;
    const now = Date.now();
    if (this.heartbeat) {
      if (now - this.heartbeat.sentAt < this.o.responseTimeoutMs) return;
      this.heartbeat.misses++;
      if (this.heartbeat.misses >= this.o.heartbeatMaxMisses) {
        this.logger.error({ msg: 'ACTIVE_TEST unanswered; the link is dead, reconnecting', misses: this.heartbeat.misses });
        conn.destroy();
        return;
      }
      this.heartbeat.sentAt = now;
    } else if (now - conn.lastReceivedAt >= this.o.idleMs) {
      this.heartbeat = { sentAt: now, misses: 0 };
    } else {
      return;
    }
    this.counters.activeTestsSent++;
    conn.send({ command: 'ACTIVE_TEST', seq: conn.nextSeq() });
  }

  // ---- close ---------------------------------------------------------------------------------

  private async doClose(drainMs: number): Promise<void> {
    const wasReady = this.state === 'ready';
    this.state = 'closing';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const t of this.delayed) clearTimeout(t);
    this.delayed.clear();
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    // never-sent segments are abandoned: their messages cannot complete any more
    for (const job of this.queue.splice(0)) this.failMessage(job.message, new CmppClosedError(job.message.key));
    if (wasReady && this.inFlight.size > 0) await this.waitFor((cb) => (this.drainWaiter = cb), drainMs);
    this.drainWaiter = null;
    for (const m of [...this.messages.values()]) this.failMessage(m, new CmppClosedError(m.key));
    for (const f of this.inFlight.values()) clearTimeout(f.timer);
    this.inFlight.clear();
    this.stopHeartbeat();
    const conn = this.conn;
    if (conn?.isOpen) {
      conn.send({ command: 'TERMINATE', seq: conn.nextSeq() });
      await this.waitFor((cb) => (this.terminateWaiter = cb), Math.min(this.o.responseTimeoutMs, 5_000));
      this.terminateWaiter = null;
      conn.end();
      const gone = new Promise<void>((resolve) => (conn.isOpen ? conn.once('close', () => resolve()) : resolve()));
      const t = setTimeout(() => conn.destroy(), 2_000);
      await gone;
      clearTimeout(t);
    }
    this.conn = null;
    this.state = 'closed';
    this.removeAllListeners();
  }

  private waitFor(register: (cb: () => void) => void, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      register(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
