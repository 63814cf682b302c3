import type { EventEmitter } from 'node:events';
import { SubmitResult } from '../protocol/constants';
import { msgIdToString } from '../protocol/msg-id';
import { DeliverPdu } from '../protocol/pdu.types';
import { decodeStatusReport } from '../protocol/status-report';
import { Reassembler } from '../text/reassembler';
import { decodeText } from '../text/text-codec';
import { parseUdh } from '../text/udh';
import { BoundedMap } from './bounded-map';
import { CmppClientEvents, CmppLogger } from './client.types';
import { CmppConnection } from './cmpp-connection';

/**
 * What the gateway DELIVERs to the client: status reports (deduplicated, matched to the submit
 * that produced the Msg_Id) and mobile-originated messages (long ones reassembled).
 */
export class InboundDeliveries {
  private readonly byMsgId = new BoundedMap<string, { key: string; seq: number }>(100_000);
  private readonly seenReports = new BoundedMap<string, true>(100_000);
  private readonly moParts = new Reassembler<string>(10 * 60_000);

  constructor(
    private readonly events: EventEmitter<CmppClientEvents>,
    private readonly logger: CmppLogger,
    private readonly counters: { reportsReceived: number; duplicateReports: number },
  ) {}

  /** A segment got its Msg_Id: its reports will name this key and segment number. */
  rememberSubmitted(msgId: string, origin: { key: string; seq: number }): void {
    this.byMsgId.set(msgId, origin);
  }

  onDeliver(conn: CmppConnection, p: DeliverPdu): void {
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
      this.emitSafely('report', {
        msgId,
        stat: report.stat,
        delivered: report.stat === 'DELIVRD',
        to: report.destTerminalId,
        submitTime: report.submitTime,
        doneTime: report.doneTime,
        smscSequence: report.smscSequence,
        key: origin?.key,
        seq: origin?.seq,
      });
      return;
    }
    conn.send({ command: 'DELIVER_RESP', seq: p.seq, msgId: p.msgId, result: SubmitResult.OK });
    const udh = p.tpUdhi === 1 ? parseUdh(p.msgContent) : null;
    const body = udh ? udh.body : p.msgContent;
    const text = decodeText(body, p.msgFmt);
    const concat = udh?.concat;
    const msgId = msgIdToString(p.msgId);
    const r = this.moParts.add({
      key: `${p.srcTerminalId}>${p.destId}`,
      ref: concat?.ref ?? 0,
      total: concat?.total ?? 1,
      seq: concat?.seq ?? 1,
      text,
      meta: msgId,
    });
    if (r.status === 'complete')
      this.emitSafely('deliver', { msgId: r.message.parts[0].meta, from: p.srcTerminalId, to: p.destId, serviceId: p.serviceId, text: r.message.text });
    this.moParts.sweep();
  }

  // a throwing listener must not break the session: the DELIVER is already acknowledged
  private emitSafely<E extends 'report' | 'deliver'>(event: E, ...args: CmppClientEvents[E]): void {
    try {
      (this.events.emit as (e: E, ...a: CmppClientEvents[E]) => boolean)(event, ...args);
    } catch (err) {
      this.logger.error({ msg: `a '${event}' listener threw`, err: (err as Error).message });
    }
  }
}
