import { FIELD, STATUS_REPORT_LENGTH } from './constants';
import { CmppProtocolError } from './errors';
import { readOctets, writeOctets } from './octets';

/** The Msg_Content of a DELIVER with Registered_Delivery = 1 (60 bytes in CMPP 2.0). */
export interface StatusReport {
  /** the Msg_Id the gateway returned in SUBMIT_RESP */
  msgId: bigint;
  /** DELIVRD, EXPIRED, UNDELIV, … or a carrier code such as MK:0011 (7 characters) */
  stat: string;
  /** YYMMDDHHMM */
  submitTime: string;
  /** YYMMDDHHMM */
  doneTime: string;
  destTerminalId: string;
  smscSequence: number;
}

export function encodeStatusReport(r: StatusReport): Buffer {
  const buf = Buffer.alloc(STATUS_REPORT_LENGTH);
  buf.writeBigUInt64BE(r.msgId, 0);
  let o = writeOctets(buf, 8, r.stat, FIELD.STAT, 'Stat');
  o = writeOctets(buf, o, r.submitTime, FIELD.REPORT_TIME, 'Submit_time');
  o = writeOctets(buf, o, r.doneTime, FIELD.REPORT_TIME, 'Done_time');
  o = writeOctets(buf, o, r.destTerminalId, FIELD.TERMINAL_ID, 'Dest_terminal_Id');
  buf.writeUInt32BE(r.smscSequence >>> 0, o);
  return buf;
}

export function decodeStatusReport(content: Buffer): StatusReport {
  if (content.length !== STATUS_REPORT_LENGTH) throw new CmppProtocolError(`status report is ${content.length} bytes, expected ${STATUS_REPORT_LENGTH}`);
  return {
    msgId: content.readBigUInt64BE(0),
    stat: readOctets(content, 8, FIELD.STAT),
    submitTime: readOctets(content, 15, FIELD.REPORT_TIME),
    doneTime: readOctets(content, 25, FIELD.REPORT_TIME),
    destTerminalId: readOctets(content, 35, FIELD.TERMINAL_ID),
    smscSequence: content.readUInt32BE(56),
  };
}
