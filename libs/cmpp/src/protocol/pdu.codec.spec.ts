import { authenticatorIsmg, authenticatorSource } from './authenticator';
import { decodeMsgId, encodeMsgId, msgIdToString } from './msg-id';
import { decodePdu, encodePdu } from './pdu.codec';
import { CmppProtocolError } from './errors';
import { decodeStatusReport, encodeStatusReport } from './status-report';
import { segmentText } from '../text/segmenter';
import { decodeText } from '../text/text-codec';
import { parseUdh } from '../text/udh';

// Fixtures are written byte by byte from the CMPP 2.0 field tables (sizes listed in constants.ts);
// the MD5 values were computed independently with Python's hashlib, not with this library.
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const z = (n: number) => '00'.repeat(n);

describe('CONNECT / CONNECT_RESP', () => {
  // Source_Addr "901234", secret "secret", timestamp 1122093005 (22 Nov 09:30:05)
  const AUTH = '6c0d467c9d6b4b53e0a12308fe649658'; // md5("901234" + 9×00 + "secret" + "1122093005")
  const CONNECT = hex(`
    00000027 00000001 00000001
    393031323334
    ${AUTH}
    20
    42e1c7cd`);

  it('computes AuthenticatorSource = MD5(Source_Addr, 9 zero bytes, secret, MMDDHHMMSS)', () => {
    expect(authenticatorSource('901234', 'secret', '1122093005').toString('hex')).toBe(AUTH);
  });

  it('re-pads a timestamp whose month has lost its leading zero on the wire', () => {
    // 0102030405 travels as the integer 102030405
    expect(authenticatorSource('901234', 'secret', 102030405).toString('hex')).toBe('1c39df8b9c01798a8f35c3c785cf91ce');
  });

  it('encodes a CONNECT to the exact 39 bytes', () => {
    const bytes = encodePdu({
      command: 'CONNECT',
      seq: 1,
      sourceAddr: '901234',
      authenticatorSource: authenticatorSource('901234', 'secret', '1122093005'),
      version: 0x20,
      timestamp: 1122093005,
    });
    expect(bytes.toString('hex')).toBe(CONNECT.toString('hex'));
  });

  it('decodes the same bytes back', () => {
    const p = decodePdu(CONNECT);
    expect(p).toEqual({ command: 'CONNECT', seq: 1, sourceAddr: '901234', authenticatorSource: hex(AUTH), version: 0x20, timestamp: 1122093005 });
  });

  it('encodes CONNECT_RESP with AuthenticatorISMG = MD5(Status, AuthenticatorSource, secret)', () => {
    const ISMG = '1cafd376e7665601082d9217da134854';
    expect(authenticatorIsmg(0, hex(AUTH), 'secret').toString('hex')).toBe(ISMG);
    const bytes = encodePdu({ command: 'CONNECT_RESP', seq: 1, status: 0, authenticatorIsmg: hex(ISMG), version: 0x20 });
    expect(bytes.toString('hex')).toBe(hex(`0000001e 80000001 00000001 00 ${ISMG} 20`).toString('hex'));
  });
});

describe('SUBMIT of a two-segment Chinese message', () => {
  // 72 characters: "机房温度告警" (U+673A U+623F U+6E29 U+5EA6 U+544A U+8B66) twelve times
  const text = '机房温度告警'.repeat(12);
  const UNIT = '673a 623f 6e29 5ea6 544a 8b66';
  const common = (pkNumber: string, udhi: string) => `
    0000000000000000
    02 ${pkNumber} 01 00
    414c455254 ${z(5)}
    02
    ${z(21)}
    00 ${udhi} 08
    393031323334
    3031
    303030303030
    ${z(17)}
    ${z(17)}
    31303639303031323334 ${z(11)}
    01
    3133383030313338303030 ${z(10)}`;
  // segment 1: UDH + 67 characters (134 bytes) → Msg_Length 0x8c; total 12+117+21+1+140+8 = 299 = 0x12b
  const SEG1 = hex(`0000012b 00000004 00000001 ${common('01', '01')} 8c 050003 2a 02 01 ${UNIT.repeat(11)} 673a ${z(8)}`);
  // segment 2: UDH + the last 5 characters (10 bytes) → Msg_Length 0x10; total 12+117+21+1+16+8 = 175 = 0xaf
  const SEG2 = hex(`000000af 00000004 00000002 ${common('02', '01')} 10 050003 2a 02 02 623f 6e29 5ea6 544a 8b66 ${z(8)}`);

  const seg = segmentText(text, 0x2a);
  const pdu = (i: number, seq: number) =>
    encodePdu({
      command: 'SUBMIT',
      seq,
      msgId: 0n,
      pkTotal: seg.segments[i].pkTotal,
      pkNumber: seg.segments[i].pkNumber,
      registeredDelivery: 1,
      msgLevel: 0,
      serviceId: 'ALERT',
      feeUserType: 2,
      feeTerminalId: '',
      tpPid: 0,
      tpUdhi: seg.segments[i].tpUdhi,
      msgFmt: seg.msgFmt,
      msgSrc: '901234',
      feeType: '01',
      feeCode: '000000',
      validTime: '',
      atTime: '',
      srcId: '1069001234',
      destTerminalIds: ['13800138000'],
      msgContent: seg.segments[i].content,
    });

  it('splits 72 UCS-2 characters into 67 + 5 with a 6-byte concatenation header', () => {
    expect(seg.msgFmt).toBe(8);
    expect(seg.segments.map((s) => [s.pkTotal, s.pkNumber, s.tpUdhi, s.content.length])).toEqual([
      [2, 1, 1, 140],
      [2, 2, 1, 16],
    ]);
  });

  it('encodes both segments to the exact bytes', () => {
    expect(pdu(0, 1).toString('hex')).toBe(SEG1.toString('hex'));
    expect(pdu(1, 2).toString('hex')).toBe(SEG2.toString('hex'));
  });

  it('decodes the bytes back to fields and text', () => {
    const p = decodePdu(SEG1);
    if (p.command !== 'SUBMIT') throw new Error(p.command);
    expect(p).toMatchObject({
      seq: 1,
      pkTotal: 2,
      pkNumber: 1,
      registeredDelivery: 1,
      serviceId: 'ALERT',
      feeUserType: 2,
      tpUdhi: 1,
      msgFmt: 8,
      msgSrc: '901234',
      feeType: '01',
      feeCode: '000000',
      srcId: '1069001234',
      destTerminalIds: ['13800138000'],
    });
    const udh = parseUdh(p.msgContent);
    expect(udh?.concat).toEqual({ ref: 0x2a, total: 2, seq: 1 });
    expect(decodeText(udh!.body, p.msgFmt)).toBe(text.slice(0, 67));
  });

  it('refuses a SUBMIT whose Msg_Length runs past the frame', () => {
    const broken = Buffer.from(SEG2);
    broken[12 + 117 + 21] = 0x20; // claims 32 content bytes, only 16 + Reserve follow
    expect(() => decodePdu(broken)).toThrow(CmppProtocolError);
  });
});

describe('SUBMIT_RESP, DELIVER status report, heartbeat and terminate', () => {
  // Msg_Id: month 11, day 22, 09:30:05, gateway 1234, sequence 7
  //  = 1011 10110 01001 011110 000101 (gateway 22 bits) 0000000000010011010010 (seq) 0000000000000111
  const MSG_ID = 'bb25e14004d20007';

  it('builds and reads the 64-bit Msg_Id layout', () => {
    const parts = { month: 11, day: 22, hour: 9, minute: 30, second: 5, gatewayId: 1234, sequence: 7 };
    expect(encodeMsgId(parts).toString(16)).toBe(MSG_ID);
    expect(decodeMsgId(BigInt(`0x${MSG_ID}`))).toEqual(parts);
    expect(msgIdToString(BigInt(`0x${MSG_ID}`))).toBe('13485432324305846279');
  });

  it('decodes a SUBMIT_RESP', () => {
    expect(decodePdu(hex(`00000015 80000004 00000002 ${MSG_ID} 00`))).toEqual({ command: 'SUBMIT_RESP', seq: 2, msgId: BigInt(`0x${MSG_ID}`), result: 0 });
    expect(decodePdu(hex(`00000015 80000004 00000003 ${z(8)} 08`))).toMatchObject({ result: 8 });
  });

  // DELIVER carrying a report: 12 + 65 + 60 + 8 = 145 = 0x91
  const REPORT_DELIVER = hex(`
    00000091 00000005 00000009
    0000000000000063
    31303639303031323334 ${z(11)}
    414c455254 ${z(5)}
    00 00 00
    3133383030313338303030 ${z(10)}
    01
    3c
      ${MSG_ID}
      44454c49565244
      32353131323230393330
      32353131323230393331
      3133383030313338303030 ${z(10)}
      0000002a
    ${z(8)}`);

  it('decodes a DELIVER status report and its 60-byte content', () => {
    const p = decodePdu(REPORT_DELIVER);
    if (p.command !== 'DELIVER') throw new Error(p.command);
    expect(p).toMatchObject({ seq: 9, msgId: 0x63n, destId: '1069001234', serviceId: 'ALERT', srcTerminalId: '13800138000', registeredDelivery: 1 });
    expect(decodeStatusReport(p.msgContent)).toEqual({
      msgId: BigInt(`0x${MSG_ID}`),
      stat: 'DELIVRD',
      submitTime: '2511220930',
      doneTime: '2511220931',
      destTerminalId: '13800138000',
      smscSequence: 42,
    });
  });

  it('encodes the same status report DELIVER to the exact bytes', () => {
    const content = encodeStatusReport({
      msgId: BigInt(`0x${MSG_ID}`),
      stat: 'DELIVRD',
      submitTime: '2511220930',
      doneTime: '2511220931',
      destTerminalId: '13800138000',
      smscSequence: 42,
    });
    const bytes = encodePdu({
      command: 'DELIVER',
      seq: 9,
      msgId: 0x63n,
      destId: '1069001234',
      serviceId: 'ALERT',
      tpPid: 0,
      tpUdhi: 0,
      msgFmt: 0,
      srcTerminalId: '13800138000',
      registeredDelivery: 1,
      msgContent: content,
    });
    expect(bytes.toString('hex')).toBe(REPORT_DELIVER.toString('hex'));
  });

  it('encodes DELIVER_RESP, ACTIVE_TEST(_RESP) and TERMINATE(_RESP)', () => {
    expect(encodePdu({ command: 'DELIVER_RESP', seq: 9, msgId: 0x63n, result: 0 }).toString('hex')).toBe(`00000015800000050000000900000000000000630${'0'}`);
    expect(encodePdu({ command: 'ACTIVE_TEST', seq: 5 }).toString('hex')).toBe('0000000c0000000800000005');
    expect(encodePdu({ command: 'ACTIVE_TEST_RESP', seq: 5 }).toString('hex')).toBe('0000000d800000080000000500');
    expect(encodePdu({ command: 'TERMINATE', seq: 6 }).toString('hex')).toBe('0000000c0000000200000006');
    expect(decodePdu(hex('0000000c8000000200000006'))).toEqual({ command: 'TERMINATE_RESP', seq: 6 });
  });

  it('keeps an unknown command as UNKNOWN instead of failing', () => {
    expect(decodePdu(hex('0000000e 00000006 00000001 abcd'))).toEqual({ command: 'UNKNOWN', seq: 1, commandId: 6, body: hex('abcd') });
  });

  it('refuses wrong body sizes and a Total_Length that disagrees with the frame', () => {
    expect(() => decodePdu(hex('0000000d 00000008 00000001 00'))).toThrow(CmppProtocolError);
    expect(() => decodePdu(hex('00000020 00000008 00000001'))).toThrow(CmppProtocolError);
  });

  it('refuses to encode a field value longer than its size', () => {
    expect(() =>
      encodeStatusReport({ msgId: 1n, stat: 'TOO-LONG', submitTime: '2511220930', doneTime: '2511220931', destTerminalId: '1', smscSequence: 1 }),
    ).toThrow(/Stat/);
  });
});
