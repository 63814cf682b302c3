import { chinaWallClock } from './china-time';

/**
 * Msg_Id is a 64-bit unsigned integer assigned by the gateway:
 *   bits 63..60 month, 59..55 day, 54..50 hour, 49..44 minute, 43..38 second (Beijing time),
 *   bits 37..16 gateway code (22 bits), bits 15..0 a sequence that wraps.
 * (Counting from 0 at the least significant bit; the specification counts from bit 1.)
 */
export interface MsgIdParts {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  gatewayId: number;
  sequence: number;
}

const FIELDS: [keyof MsgIdParts, bigint, bigint][] = [
  ['month', 60n, 0xfn],
  ['day', 55n, 0x1fn],
  ['hour', 50n, 0x1fn],
  ['minute', 44n, 0x3fn],
  ['second', 38n, 0x3fn],
  ['gatewayId', 16n, 0x3fffffn],
  ['sequence', 0n, 0xffffn],
];

export function encodeMsgId(parts: MsgIdParts): bigint {
  let v = 0n;
  for (const [name, shift, mask] of FIELDS) {
    const n = BigInt(parts[name]);
    if (n < 0n || n > mask) throw new RangeError(`Msg_Id ${name} ${parts[name]} does not fit its ${mask.toString(2).length} bits`);
    v |= n << shift;
  }
  return v;
}

export function decodeMsgId(msgId: bigint): MsgIdParts {
  const out = {} as MsgIdParts;
  for (const [name, shift, mask] of FIELDS) out[name] = Number((msgId >> shift) & mask);
  return out;
}

/** The textual form used in events and logs: the unsigned decimal value (as gateways print it). */
export function msgIdToString(msgId: bigint): string {
  return msgId.toString(10);
}

export function msgIdFromString(s: string): bigint {
  if (!/^\d{1,20}$/.test(s)) throw new RangeError(`"${s}" is not a Msg_Id`);
  const v = BigInt(s);
  if (v >= 1n << 64n) throw new RangeError(`"${s}" is not a Msg_Id`);
  return v;
}

/** Gateway side: mints Msg_Ids for one gateway code, the sequence wrapping at 65536. */
export class MsgIdGenerator {
  private seq = 0;
  constructor(private readonly gatewayId: number) {
    if (!Number.isInteger(gatewayId) || gatewayId < 0 || gatewayId > 0x3fffff) throw new RangeError(`gateway id ${gatewayId} does not fit 22 bits`);
  }

  next(at: Date = new Date()): bigint {
    const w = chinaWallClock(at);
    this.seq = (this.seq + 1) & 0xffff;
    return encodeMsgId({ month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, gatewayId: this.gatewayId, sequence: this.seq });
  }
}
