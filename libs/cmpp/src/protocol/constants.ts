/**
 * CMPP 2.0 constants.
 *
 * Field sizes used throughout the codec (all integers are big-endian, all "octet strings" are
 * fixed-width ASCII padded with NUL bytes). They were cross-checked between two independent
 * open implementations of CMPP 2.0 (bigwhite/gocmpp `packet/*.go` and yedamao/go_cmpp
 * `cmpp/protocol/op_*.go`) and a published field table of the protocol:
 *   header          Total_Length 4, Command_Id 4, Sequence_Id 4                         = 12
 *   CONNECT         Source_Addr 6, AuthenticatorSource 16, Version 1, Timestamp 4       = 27
 *   CONNECT_RESP    Status 1 (4 in 3.0), AuthenticatorISMG 16, Version 1                = 18
 *   SUBMIT          fixed part before the destination list is 117 bytes, then
 *                   21 per Dest_terminal_Id, Msg_Length 1, content, Reserve 8
 *   SUBMIT_RESP     Msg_Id 8, Result 1 (4 in 3.0)                                       = 9
 *   DELIVER         fixed part 65 bytes, then content, Reserve 8
 *   DELIVER_RESP    Msg_Id 8, Result 1                                                  = 9
 *   status report   Msg_Id 8, Stat 7, Submit_time 10, Done_time 10,
 *                   Dest_terminal_Id 21, SMSC_sequence 4                                = 60
 *   ACTIVE_TEST_RESP Reserved 1; ACTIVE_TEST, TERMINATE and TERMINATE_RESP have no body.
 */

export const HEADER_LENGTH = 12;

/** Version byte: high nibble major, low nibble minor. */
export const CMPP_VERSION_2_0 = 0x20;

export const COMMAND_IDS = {
  CONNECT: 0x00000001,
  CONNECT_RESP: 0x80000001,
  TERMINATE: 0x00000002,
  TERMINATE_RESP: 0x80000002,
  SUBMIT: 0x00000004,
  SUBMIT_RESP: 0x80000004,
  DELIVER: 0x00000005,
  DELIVER_RESP: 0x80000005,
  ACTIVE_TEST: 0x00000008,
  ACTIVE_TEST_RESP: 0x80000008,
} as const;

export type CommandName = keyof typeof COMMAND_IDS;

const NAME_BY_ID = new Map<number, CommandName>(Object.entries(COMMAND_IDS).map(([name, id]) => [id, name as CommandName]));

export function commandNameOf(id: number): CommandName | undefined {
  return NAME_BY_ID.get(id);
}

/** Sizes of the fixed-width fields (CMPP 2.0). */
export const FIELD = {
  SOURCE_ADDR: 6,
  AUTHENTICATOR: 16,
  SERVICE_ID: 10,
  TERMINAL_ID: 21,
  MSG_SRC: 6,
  FEE_TYPE: 2,
  FEE_CODE: 6,
  TIME17: 17,
  SRC_ID: 21,
  DEST_ID: 21,
  RESERVE: 8,
  STAT: 7,
  REPORT_TIME: 10,
} as const;

export const CONNECT_BODY_LENGTH = 27;
export const CONNECT_RESP_BODY_LENGTH = 18;
export const SUBMIT_FIXED_LENGTH = 117;
export const SUBMIT_RESP_BODY_LENGTH = 9;
export const DELIVER_FIXED_LENGTH = 65;
export const DELIVER_RESP_BODY_LENGTH = 9;
export const STATUS_REPORT_LENGTH = 60;
export const ACTIVE_TEST_RESP_BODY_LENGTH = 1;

/** At most 100 recipients per SUBMIT (DestUsr_tl). */
export const MAX_DESTINATIONS = 100;
/** Msg_Length is one byte; the protocol caps 8-bit/UCS-2 content at 140 bytes (ASCII: under 160). */
export const MAX_CONTENT_BYTES = 140;
/**
 * Largest frame accepted by the decoder. The biggest legal CMPP 2.0 PDU is a SUBMIT to 100
 * recipients with 159 content bytes: 12 + 117 + 2100 + 1 + 159 + 8 = 2397 bytes.
 */
export const DEFAULT_MAX_FRAME = 4096;

/** CONNECT_RESP Status (CMPP 2.0). */
export const ConnectStatus = {
  OK: 0,
  BAD_STRUCTURE: 1,
  BAD_SOURCE_ADDR: 2,
  AUTH_FAILED: 3,
  VERSION_TOO_HIGH: 4,
  OTHER: 5,
} as const;

/** SUBMIT_RESP / DELIVER_RESP Result (CMPP 2.0). */
export const SubmitResult = {
  OK: 0,
  BAD_STRUCTURE: 1,
  BAD_COMMAND: 2,
  DUPLICATE_SEQUENCE: 3,
  BAD_LENGTH: 4,
  BAD_FEE_CODE: 5,
  TOO_LONG: 6,
  BAD_SERVICE_ID: 7,
  FLOW_CONTROL: 8,
  OTHER: 9,
} as const;

export const SUBMIT_RESULT_TEXT: Record<number, string> = {
  0: 'ok',
  1: 'bad message structure (消息结构错)',
  2: 'bad command id (命令字错)',
  3: 'duplicate sequence id (消息序号重复)',
  4: 'bad message length (消息长度错)',
  5: 'bad fee code (资费代码错)',
  6: 'message too long (超过最大信息长)',
  7: 'bad service id (业务代码错)',
  8: 'flow control (流量控制错)',
};

/** Msg_Fmt values used here. */
export const MsgFmt = {
  ASCII: 0,
  BINARY: 4,
  UCS2: 8,
  GBK: 15,
} as const;

/** Common Stat values of a status report; carriers also send codes such as "MK:0011". */
export const REPORT_STATS = ['DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'] as const;
export type KnownReportStat = (typeof REPORT_STATS)[number];
