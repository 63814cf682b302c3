import {
  ACTIVE_TEST_RESP_BODY_LENGTH,
  COMMAND_IDS,
  CONNECT_BODY_LENGTH,
  CONNECT_RESP_BODY_LENGTH,
  commandNameOf,
  DELIVER_FIXED_LENGTH,
  DELIVER_RESP_BODY_LENGTH,
  FIELD,
  HEADER_LENGTH,
  MAX_DESTINATIONS,
  SUBMIT_FIXED_LENGTH,
  SUBMIT_RESP_BODY_LENGTH,
} from './constants';
import { CmppEncodeError, CmppProtocolError } from './errors';
import { checkUint8, readOctets, writeOctets } from './octets';
import { ConnectPdu, DeliverPdu, Pdu, SubmitPdu } from './pdu.types';

const MAX_UINT32 = 0xffffffff;
const MAX_UINT64 = (1n << 64n) - 1n;

function header(total: number, commandId: number, seq: number): Buffer {
  if (!Number.isInteger(seq) || seq < 0 || seq > MAX_UINT32) throw new CmppEncodeError(`Sequence_Id ${seq} is not an unsigned 32-bit integer`);
  const buf = Buffer.alloc(total);
  buf.writeUInt32BE(total, 0);
  buf.writeUInt32BE(commandId, 4);
  buf.writeUInt32BE(seq, 8);
  return buf;
}

function writeMsgId(buf: Buffer, offset: number, msgId: bigint): number {
  if (msgId < 0n || msgId > MAX_UINT64) throw new CmppEncodeError(`Msg_Id ${msgId} is not an unsigned 64-bit integer`);
  buf.writeBigUInt64BE(msgId, offset);
  return offset + 8;
}

function checkContent(content: Buffer): number {
  if (content.length > 0xff) throw new CmppEncodeError(`Msg_Content of ${content.length} bytes does not fit Msg_Length (one byte)`);
  return content.length;
}

function encodeConnect(p: ConnectPdu): Buffer {
  if (p.authenticatorSource.length !== FIELD.AUTHENTICATOR) throw new CmppEncodeError('AuthenticatorSource must be 16 bytes');
  const buf = header(HEADER_LENGTH + CONNECT_BODY_LENGTH, COMMAND_IDS.CONNECT, p.seq);
  let o = writeOctets(buf, HEADER_LENGTH, p.sourceAddr, FIELD.SOURCE_ADDR, 'Source_Addr');
  p.authenticatorSource.copy(buf, o);
  o += FIELD.AUTHENTICATOR;
  o = buf.writeUInt8(checkUint8(p.version, 'Version'), o);
  if (!Number.isInteger(p.timestamp) || p.timestamp < 0 || p.timestamp > MAX_UINT32) throw new CmppEncodeError(`Timestamp ${p.timestamp} out of range`);
  buf.writeUInt32BE(p.timestamp, o);
  return buf;
}

function encodeSubmit(p: SubmitPdu): Buffer {
  const n = p.destTerminalIds.length;
  if (n < 1 || n > MAX_DESTINATIONS) throw new CmppEncodeError(`DestUsr_tl must be 1..${MAX_DESTINATIONS}, got ${n}`);
  const len = checkContent(p.msgContent);
  const buf = header(HEADER_LENGTH + SUBMIT_FIXED_LENGTH + n * FIELD.TERMINAL_ID + 1 + len + FIELD.RESERVE, COMMAND_IDS.SUBMIT, p.seq);
  let o = writeMsgId(buf, HEADER_LENGTH, p.msgId);
  o = buf.writeUInt8(checkUint8(p.pkTotal, 'Pk_total'), o);
  o = buf.writeUInt8(checkUint8(p.pkNumber, 'Pk_number'), o);
  o = buf.writeUInt8(checkUint8(p.registeredDelivery, 'Registered_Delivery'), o);
  o = buf.writeUInt8(checkUint8(p.msgLevel, 'Msg_level'), o);
  o = writeOctets(buf, o, p.serviceId, FIELD.SERVICE_ID, 'Service_Id');
  o = buf.writeUInt8(checkUint8(p.feeUserType, 'Fee_UserType'), o);
  o = writeOctets(buf, o, p.feeTerminalId, FIELD.TERMINAL_ID, 'Fee_terminal_Id');
  o = buf.writeUInt8(checkUint8(p.tpPid, 'TP_pId'), o);
  o = buf.writeUInt8(checkUint8(p.tpUdhi, 'TP_udhi'), o);
  o = buf.writeUInt8(checkUint8(p.msgFmt, 'Msg_Fmt'), o);
  o = writeOctets(buf, o, p.msgSrc, FIELD.MSG_SRC, 'Msg_src');
  o = writeOctets(buf, o, p.feeType, FIELD.FEE_TYPE, 'FeeType');
  o = writeOctets(buf, o, p.feeCode, FIELD.FEE_CODE, 'FeeCode');
  o = writeOctets(buf, o, p.validTime, FIELD.TIME17, 'ValId_Time');
  o = writeOctets(buf, o, p.atTime, FIELD.TIME17, 'At_Time');
  o = writeOctets(buf, o, p.srcId, FIELD.SRC_ID, 'Src_Id');
  o = buf.writeUInt8(n, o);
  for (const d of p.destTerminalIds) o = writeOctets(buf, o, d, FIELD.TERMINAL_ID, 'Dest_terminal_Id');
  o = buf.writeUInt8(len, o);
  p.msgContent.copy(buf, o);
  // Reserve (8) stays zero
  return buf;
}

function encodeDeliver(p: DeliverPdu): Buffer {
  const len = checkContent(p.msgContent);
  const buf = header(HEADER_LENGTH + DELIVER_FIXED_LENGTH + len + FIELD.RESERVE, COMMAND_IDS.DELIVER, p.seq);
  let o = writeMsgId(buf, HEADER_LENGTH, p.msgId);
  o = writeOctets(buf, o, p.destId, FIELD.DEST_ID, 'Dest_Id');
  o = writeOctets(buf, o, p.serviceId, FIELD.SERVICE_ID, 'Service_Id');
  o = buf.writeUInt8(checkUint8(p.tpPid, 'TP_pid'), o);
  o = buf.writeUInt8(checkUint8(p.tpUdhi, 'TP_udhi'), o);
  o = buf.writeUInt8(checkUint8(p.msgFmt, 'Msg_Fmt'), o);
  o = writeOctets(buf, o, p.srcTerminalId, FIELD.TERMINAL_ID, 'Src_terminal_Id');
  o = buf.writeUInt8(checkUint8(p.registeredDelivery, 'Registered_Delivery'), o);
  o = buf.writeUInt8(len, o);
  p.msgContent.copy(buf, o);
  return buf;
}

function encodeIdResult(commandId: number, seq: number, msgId: bigint, result: number): Buffer {
  const buf = header(HEADER_LENGTH + SUBMIT_RESP_BODY_LENGTH, commandId, seq);
  const o = writeMsgId(buf, HEADER_LENGTH, msgId);
  buf.writeUInt8(checkUint8(result, 'Result'), o);
  return buf;
}

/** Serialises one PDU to the exact bytes that go on the wire. */
export function encodePdu(p: Pdu): Buffer {
  switch (p.command) {
    case 'CONNECT':
      return encodeConnect(p);
    case 'CONNECT_RESP': {
      if (p.authenticatorIsmg.length !== FIELD.AUTHENTICATOR) throw new CmppEncodeError('AuthenticatorISMG must be 16 bytes');
      const buf = header(HEADER_LENGTH + CONNECT_RESP_BODY_LENGTH, COMMAND_IDS.CONNECT_RESP, p.seq);
      buf.writeUInt8(checkUint8(p.status, 'Status'), HEADER_LENGTH);
      p.authenticatorIsmg.copy(buf, HEADER_LENGTH + 1);
      buf.writeUInt8(checkUint8(p.version, 'Version'), HEADER_LENGTH + 1 + FIELD.AUTHENTICATOR);
      return buf;
    }
    case 'TERMINATE':
      return header(HEADER_LENGTH, COMMAND_IDS.TERMINATE, p.seq);
    case 'TERMINATE_RESP':
      return header(HEADER_LENGTH, COMMAND_IDS.TERMINATE_RESP, p.seq);
    case 'SUBMIT':
      return encodeSubmit(p);
    case 'SUBMIT_RESP':
      return encodeIdResult(COMMAND_IDS.SUBMIT_RESP, p.seq, p.msgId, p.result);
    case 'DELIVER':
      return encodeDeliver(p);
    case 'DELIVER_RESP':
      return encodeIdResult(COMMAND_IDS.DELIVER_RESP, p.seq, p.msgId, p.result);
    case 'ACTIVE_TEST':
      return header(HEADER_LENGTH, COMMAND_IDS.ACTIVE_TEST, p.seq);
    case 'ACTIVE_TEST_RESP':
      // Reserved (1) stays zero
      return header(HEADER_LENGTH + ACTIVE_TEST_RESP_BODY_LENGTH, COMMAND_IDS.ACTIVE_TEST_RESP, p.seq);
    case 'UNKNOWN': {
      const buf = header(HEADER_LENGTH + p.body.length, p.commandId, p.seq);
      p.body.copy(buf, HEADER_LENGTH);
      return buf;
    }
  }
}

function expectBody(name: string, body: Buffer, length: number): void {
  if (body.length !== length) throw new CmppProtocolError(`${name}: body is ${body.length} bytes, expected ${length}`);
}

/** Bounds-checked cursor over a PDU body: reading past the end is a protocol error, never garbage. */
class Reader {
  private o = 0;
  constructor(
    private readonly name: string,
    private readonly buf: Buffer,
  ) {}

  private need(n: number): void {
    if (this.o + n > this.buf.length) throw new CmppProtocolError(`${this.name}: body too short (${this.buf.length} bytes)`);
  }
  u8(): number {
    this.need(1);
    return this.buf.readUInt8(this.o++);
  }
  u64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64BE(this.o);
    this.o += 8;
    return v;
  }
  octets(size: number): string {
    this.need(size);
    const v = readOctets(this.buf, this.o, size);
    this.o += size;
    return v;
  }
  bytes(size: number): Buffer {
    this.need(size);
    const v = Buffer.from(this.buf.subarray(this.o, this.o + size));
    this.o += size;
    return v;
  }
  end(): void {
    if (this.o !== this.buf.length) throw new CmppProtocolError(`${this.name}: ${this.buf.length - this.o} unexpected trailing bytes`);
  }
}

function decodeSubmit(seq: number, body: Buffer): SubmitPdu {
  const r = new Reader('SUBMIT', body);
  const msgId = r.u64();
  const pkTotal = r.u8();
  const pkNumber = r.u8();
  const registeredDelivery = r.u8();
  const msgLevel = r.u8();
  const serviceId = r.octets(FIELD.SERVICE_ID);
  const feeUserType = r.u8();
  const feeTerminalId = r.octets(FIELD.TERMINAL_ID);
  const tpPid = r.u8();
  const tpUdhi = r.u8();
  const msgFmt = r.u8();
  const msgSrc = r.octets(FIELD.MSG_SRC);
  const feeType = r.octets(FIELD.FEE_TYPE);
  const feeCode = r.octets(FIELD.FEE_CODE);
  const validTime = r.octets(FIELD.TIME17);
  const atTime = r.octets(FIELD.TIME17);
  const srcId = r.octets(FIELD.SRC_ID);
  const n = r.u8();
  if (n < 1 || n > MAX_DESTINATIONS) throw new CmppProtocolError(`SUBMIT: DestUsr_tl ${n} out of range`);
  const destTerminalIds: string[] = [];
  for (let i = 0; i < n; i++) destTerminalIds.push(r.octets(FIELD.TERMINAL_ID));
  const msgContent = r.bytes(r.u8());
  r.bytes(FIELD.RESERVE);
  r.end();
  return {
    command: 'SUBMIT',
    seq,
    msgId,
    pkTotal,
    pkNumber,
    registeredDelivery,
    msgLevel,
    serviceId,
    feeUserType,
    feeTerminalId,
    tpPid,
    tpUdhi,
    msgFmt,
    msgSrc,
    feeType,
    feeCode,
    validTime,
    atTime,
    srcId,
    destTerminalIds,
    msgContent,
  };
}

function decodeDeliver(seq: number, body: Buffer): DeliverPdu {
  const r = new Reader('DELIVER', body);
  const msgId = r.u64();
  const destId = r.octets(FIELD.DEST_ID);
  const serviceId = r.octets(FIELD.SERVICE_ID);
  const tpPid = r.u8();
  const tpUdhi = r.u8();
  const msgFmt = r.u8();
  const srcTerminalId = r.octets(FIELD.TERMINAL_ID);
  const registeredDelivery = r.u8();
  const msgContent = r.bytes(r.u8());
  r.bytes(FIELD.RESERVE);
  r.end();
  return { command: 'DELIVER', seq, msgId, destId, serviceId, tpPid, tpUdhi, msgFmt, srcTerminalId, registeredDelivery, msgContent };
}

/**
 * Parses one complete frame (header included, as produced by CmppFrameDecoder).
 * Throws CmppProtocolError on any length or structure mismatch.
 */
export function decodePdu(frame: Buffer): Pdu {
  if (frame.length < HEADER_LENGTH) throw new CmppProtocolError(`frame of ${frame.length} bytes is shorter than the header`);
  const total = frame.readUInt32BE(0);
  if (total !== frame.length) throw new CmppProtocolError(`Total_Length ${total} does not match the frame size ${frame.length}`);
  const commandId = frame.readUInt32BE(4);
  const seq = frame.readUInt32BE(8);
  const body = frame.subarray(HEADER_LENGTH);
  const name = commandNameOf(commandId);
  if (name === undefined) return { command: 'UNKNOWN', seq, commandId, body: Buffer.from(body) };
  switch (name) {
    case 'CONNECT': {
      expectBody(name, body, CONNECT_BODY_LENGTH);
      return {
        command: name,
        seq,
        sourceAddr: readOctets(body, 0, FIELD.SOURCE_ADDR),
        authenticatorSource: Buffer.from(body.subarray(6, 22)),
        version: body.readUInt8(22),
        timestamp: body.readUInt32BE(23),
      };
    }
    case 'CONNECT_RESP':
      expectBody(name, body, CONNECT_RESP_BODY_LENGTH);
      return { command: name, seq, status: body.readUInt8(0), authenticatorIsmg: Buffer.from(body.subarray(1, 17)), version: body.readUInt8(17) };
    case 'TERMINATE':
    case 'TERMINATE_RESP':
    case 'ACTIVE_TEST':
      expectBody(name, body, 0);
      return { command: name, seq };
    case 'ACTIVE_TEST_RESP':
      // some gateways omit the Reserved byte; accept 0 or 1
      if (body.length > ACTIVE_TEST_RESP_BODY_LENGTH) throw new CmppProtocolError(`ACTIVE_TEST_RESP: body is ${body.length} bytes`);
      return { command: name, seq };
    case 'SUBMIT':
      return decodeSubmit(seq, body);
    case 'SUBMIT_RESP':
      expectBody(name, body, SUBMIT_RESP_BODY_LENGTH);
      return { command: name, seq, msgId: body.readBigUInt64BE(0), result: body.readUInt8(8) };
    case 'DELIVER':
      return decodeDeliver(seq, body);
    case 'DELIVER_RESP':
      expectBody(name, body, DELIVER_RESP_BODY_LENGTH);
      return { command: name, seq, msgId: body.readBigUInt64BE(0), result: body.readUInt8(8) };
  }
}
