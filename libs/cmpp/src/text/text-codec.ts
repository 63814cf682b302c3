import { MsgFmt } from '../protocol/constants';
import { TextDecoder } from 'node:util';
import { CmppEncodeError } from '../protocol/errors';

/** Pure 7-bit ASCII goes as Msg_Fmt 0 (one byte per character); anything else as UCS-2. */
export function chooseMsgFmt(text: string): typeof MsgFmt.ASCII | typeof MsgFmt.UCS2 {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return MsgFmt.UCS2;
  return MsgFmt.ASCII;
}

/** UTF-16 big-endian. Characters outside the BMP become surrogate pairs, which handsets decode as UTF-16. */
export function encodeUcs2(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

export function encodeText(text: string, msgFmt: number): Buffer {
  switch (msgFmt) {
    case MsgFmt.ASCII:
      if (chooseMsgFmt(text) !== MsgFmt.ASCII) throw new CmppEncodeError('Msg_Fmt 0 takes ASCII only');
      return Buffer.from(text, 'latin1');
    case MsgFmt.UCS2:
      return encodeUcs2(text);
    default:
      throw new CmppEncodeError(`encoding to Msg_Fmt ${msgFmt} is not supported (use 0 or 8)`);
  }
}

let gbk: TextDecoder | null | undefined;
function gbkDecoder(): TextDecoder | null {
  if (gbk === undefined) {
    try {
      gbk = new TextDecoder('gbk');
    } catch {
      gbk = null; // a Node built without full ICU
    }
  }
  return gbk;
}

/** Decodes Msg_Content (without any UDH) according to Msg_Fmt. Unknown formats decode as Latin-1 so nothing throws on peer input. */
export function decodeText(content: Buffer, msgFmt: number): string {
  switch (msgFmt) {
    case MsgFmt.UCS2: {
      const even = content.length % 2 === 0 ? content : content.subarray(0, content.length - 1);
      return Buffer.from(even).swap16().toString('utf16le');
    }
    case MsgFmt.GBK: {
      const d = gbkDecoder();
      return d ? d.decode(content) : content.toString('latin1');
    }
    case MsgFmt.BINARY:
      return content.toString('hex');
    default:
      return content.toString('latin1');
  }
}
