import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createConnection } from 'node:net';
import { MAX_DESTINATIONS, SubmitResult } from '../protocol/constants';
import { CmppEncodeError } from '../protocol/errors';
import { msgIdToString } from '../protocol/msg-id';
import { Pdu, SubmitRespPdu } from '../protocol/pdu.types';
import { reconnectDelayMs } from './backoff';
import { BoundedMap } from './bounded-map';
import { CmppClientEvents, CmppClientOptions, CmppClientStats, CmppLogger, silentLogger, SubmitOutcome, SubmitRequest } from './client.types';
import { resolveSettings, Settings, TERMINAL_ID } from './client-settings';
import { CmppConnection } from './cmpp-connection';
import { CmppAuthError, CmppClosedError, CmppKeyConflictError, CmppSubmitRejectedError, CmppSubmitTimeoutError } from './errors';
import { Heartbeat } from './heartbeat';
import { InboundDeliveries } from './inbound-deliveries';
import { loginSession } from './session-login';
import { buildSubmitJob, InFlight, MessageJob, SegmentJob } from './submit-job';

type State = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed';

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
  private readonly inbound: InboundDeliveries;
  private readonly heartbeat: Heartbeat;
  private readonly delayed = new Set<NodeJS.Timeout>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** after a flow-control refusal, nothing is sent before this instant */
  private pausedUntil = 0;
  private pauseTimer: NodeJS.Timeout | null = null;
  private reconnectAttempt = 0;
  private terminateWaiter: (() => void) | null = null;
  private drainWaiter: (() => void) | null = null;
  private closing: Promise<void> | null = null;
  private udhRef = Math.floor(Math.random() * 256);
  private readonly counters = {
    maxInFlight: 0,
    submitsSent: 0,
    resends: 0,
    requeuedAfterDisconnect: 0,
    flowControlRetries: 0,
    connects: 0,
    activeTestsSent: 0,
    activeTestsAnswered: 0,
    reportsReceived: 0,
    duplicateReports: 0,
  };

  constructor(options: CmppClientOptions) {
    super();
    this.o = resolveSettings(options);
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.completed = new BoundedMap(this.o.rememberKeys);
    this.inbound = new InboundDeliveries(this, this.logger, this.counters);
    this.heartbeat = new Heartbeat(this.o, this.logger, this.counters, () => (this.state === 'ready' ? this.conn : null));
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
      const fingerprint = createHash('sha256')
        .update(JSON.stringify([to, req.text, req.requestReport]))
        .digest('hex');
      const running = this.messages.get(req.key);
      if (running) return running.fingerprint === fingerprint ? running.promise : Promise.reject(new CmppKeyConflictError(req.key));
      const earlier = this.completed.get(req.key);
      if (earlier)
        return earlier.fingerprint === fingerprint
          ? Promise.resolve({ ...earlier.outcome, replayed: true })
          : Promise.reject(new CmppKeyConflictError(req.key));
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
    this.heartbeat.start();
    this.logger.log({
      msg: reconnect ? 'CMPP session re-established' : 'CMPP session established',
      host: this.o.host,
      port: this.o.port,
      spId: this.o.spId,
      resending: this.queue.length,
    });
    this.emit('connected', { reconnect });
    this.pump();
  }

  private login(conn: CmppConnection): Promise<void> {
    return loginSession(conn, this.o, this.now());
  }

  private onPdu(conn: CmppConnection, p: Pdu): void {
    switch (p.command) {
      case 'SUBMIT_RESP':
        return this.onSubmitResp(p);
      case 'DELIVER':
        return this.inbound.onDeliver(conn, p);
      case 'ACTIVE_TEST':
        conn.send({ command: 'ACTIVE_TEST_RESP', seq: p.seq });
        return;
      case 'ACTIVE_TEST_RESP':
        this.heartbeat.answered();
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
    this.heartbeat.stop();
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
    return buildSubmitJob(req, to, fingerprint, this.udhRef, this.o);
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
    this.inbound.rememberSubmitted(msgId, { key: msg.key, seq: job.index + 1 });
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
    const t = setTimeout(
      () => {
        this.delayed.delete(t);
        if (job.message.done || this.state === 'closing' || this.state === 'closed') return;
        this.queue.unshift(job);
        this.pump();
      },
      base * Math.min(32, 2 ** (job.flowRetries - 1)),
    );
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
    this.heartbeat.stop();
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
