/** One decoded CMPP 2.0 PDU. `seq` is the header's Sequence_Id; Msg_Id values are unsigned 64-bit integers. */
export type Pdu =
  | ConnectPdu
  | ConnectRespPdu
  | TerminatePdu
  | TerminateRespPdu
  | SubmitPdu
  | SubmitRespPdu
  | DeliverPdu
  | DeliverRespPdu
  | ActiveTestPdu
  | ActiveTestRespPdu
  | UnknownPdu;

export interface ConnectPdu {
  command: 'CONNECT';
  seq: number;
  /** SP id (企业代码), at most 6 ASCII characters */
  sourceAddr: string;
  authenticatorSource: Buffer;
  version: number;
  /** MMDDHHMMSS read as a decimal number, e.g. 1122093005 */
  timestamp: number;
}

export interface ConnectRespPdu {
  command: 'CONNECT_RESP';
  seq: number;
  status: number;
  authenticatorIsmg: Buffer;
  version: number;
}

export interface TerminatePdu {
  command: 'TERMINATE';
  seq: number;
}

export interface TerminateRespPdu {
  command: 'TERMINATE_RESP';
  seq: number;
}

export interface SubmitPdu {
  command: 'SUBMIT';
  seq: number;
  /** left 0 by the SP; the gateway assigns the real one in SUBMIT_RESP */
  msgId: bigint;
  pkTotal: number;
  pkNumber: number;
  /** 1 asks for a status report */
  registeredDelivery: number;
  msgLevel: number;
  serviceId: string;
  feeUserType: number;
  feeTerminalId: string;
  tpPid: number;
  /** 1 when Msg_Content starts with a user data header (long-message segment) */
  tpUdhi: number;
  msgFmt: number;
  msgSrc: string;
  feeType: string;
  feeCode: string;
  validTime: string;
  atTime: string;
  /** the number the handset sees as sender (SP access number + extension) */
  srcId: string;
  destTerminalIds: string[];
  msgContent: Buffer;
}

export interface SubmitRespPdu {
  command: 'SUBMIT_RESP';
  seq: number;
  msgId: bigint;
  result: number;
}

export interface DeliverPdu {
  command: 'DELIVER';
  seq: number;
  msgId: bigint;
  /** the SP access number the handset wrote to (MO), or the SP's number for a report */
  destId: string;
  serviceId: string;
  tpPid: number;
  tpUdhi: number;
  msgFmt: number;
  /** the handset (MO) or, for a status report, the recipient of the original message */
  srcTerminalId: string;
  /** 1: Msg_Content is a status report; 0: a mobile-originated message */
  registeredDelivery: number;
  msgContent: Buffer;
}

export interface DeliverRespPdu {
  command: 'DELIVER_RESP';
  seq: number;
  msgId: bigint;
  result: number;
}

export interface ActiveTestPdu {
  command: 'ACTIVE_TEST';
  seq: number;
}

export interface ActiveTestRespPdu {
  command: 'ACTIVE_TEST_RESP';
  seq: number;
}

/** A well-framed PDU of a command this library does not speak (QUERY, CANCEL, vendor extensions). */
export interface UnknownPdu {
  command: 'UNKNOWN';
  seq: number;
  commandId: number;
  body: Buffer;
}

export type PduOf<C extends Pdu['command']> = Extract<Pdu, { command: C }>;
