import { MAX_CONTENT_BYTES, MsgFmt } from '../protocol/constants';
import { CmppEncodeError } from '../protocol/errors';
import { chooseMsgFmt, encodeText } from './text-codec';
import { encodeConcatUdh, UDH_LENGTH } from './udh';

export interface Segment {
  pkTotal: number;
  pkNumber: number;
  tpUdhi: 0 | 1;
  /** UDH (when tpUdhi = 1) followed by the encoded text of this segment */
  content: Buffer;
}

export interface SegmentedMessage {
  msgFmt: number;
  segments: Segment[];
}

/** One SUBMIT holds 140 content bytes: 70 UCS-2 or 140 ASCII characters. With the 6-byte UDH, 67 / 134 per segment. */
const SINGLE_UCS2_CHARS = MAX_CONTENT_BYTES / 2;
const SEGMENT_UCS2_UNITS = (MAX_CONTENT_BYTES - UDH_LENGTH) / 2;
const SEGMENT_ASCII_CHARS = MAX_CONTENT_BYTES - UDH_LENGTH;

/** Cuts text into pieces of at most `size` UTF-16 code units without separating a surrogate pair. */
function cut(text: string, size: number): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts;
}

/**
 * Encodes a text into one SUBMIT's worth of content, or several with a concatenation UDH
 * (TP_udhi = 1, Pk_total / Pk_number set). `ref` must be the same for all segments of one message
 * and should differ between messages in flight to the same handset.
 */
export function segmentText(text: string, ref: number, maxSegments = 255): SegmentedMessage {
  if (text.length === 0) throw new CmppEncodeError('empty message');
  const msgFmt = chooseMsgFmt(text);
  const single = msgFmt === MsgFmt.ASCII ? MAX_CONTENT_BYTES : SINGLE_UCS2_CHARS;
  if (text.length <= single) return { msgFmt, segments: [{ pkTotal: 1, pkNumber: 1, tpUdhi: 0, content: encodeText(text, msgFmt) }] };
  const parts = cut(text, msgFmt === MsgFmt.ASCII ? SEGMENT_ASCII_CHARS : SEGMENT_UCS2_UNITS);
  if (parts.length > Math.min(255, maxSegments))
    throw new CmppEncodeError(`message needs ${parts.length} segments, more than the limit of ${Math.min(255, maxSegments)}`);
  const total = parts.length;
  return {
    msgFmt,
    segments: parts.map((p, i) => ({
      pkTotal: total,
      pkNumber: i + 1,
      tpUdhi: 1,
      content: Buffer.concat([encodeConcatUdh({ ref, total, seq: i + 1 }), encodeText(p, msgFmt)]),
    })),
  };
}
