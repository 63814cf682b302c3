/**
 * The concatenation user data header that starts each segment of a long message when TP_udhi = 1.
 * We send the 6-byte form: 05 (header length) 00 (IEI: concatenation, 8-bit reference) 03 (IE length)
 * ref total seq. We also read the 7-byte form with a 16-bit reference (06 08 04 refHi refLo total seq)
 * that some handsets and gateways use.
 */
export interface ConcatHeader {
  ref: number;
  total: number;
  seq: number;
}

export const UDH_LENGTH = 6;

export function encodeConcatUdh(h: ConcatHeader): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, h.ref & 0xff, h.total, h.seq]);
}

/**
 * Splits Msg_Content into its header and the user text. Returns null when the header is
 * malformed or carries no concatenation element (the segment is then treated as a whole message).
 */
export function parseUdh(content: Buffer): { concat: ConcatHeader | null; body: Buffer } | null {
  if (content.length < 1) return null;
  const udhl = content[0];
  if (udhl + 1 > content.length) return null;
  const body = content.subarray(udhl + 1);
  let o = 1;
  let concat: ConcatHeader | null = null;
  while (o + 2 <= udhl + 1) {
    const iei = content[o];
    const iel = content[o + 1];
    const data = content.subarray(o + 2, o + 2 + iel);
    if (o + 2 + iel > udhl + 1) return null;
    if (iei === 0x00 && iel === 3) concat = { ref: data[0], total: data[1], seq: data[2] };
    else if (iei === 0x08 && iel === 4) concat = { ref: data.readUInt16BE(0), total: data[2], seq: data[3] };
    o += 2 + iel;
  }
  if (concat && (concat.total < 1 || concat.seq < 1 || concat.seq > concat.total)) concat = null;
  return { concat, body };
}
