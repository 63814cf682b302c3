import { decodeText, parseUdh, Reassembler } from '@app/cmpp';

export interface InboxSegment {
  msgId: string;
  seq: number;
}

export interface InboxMessage {
  to: string;
  /** Src_Id of the SUBMIT: the number the handset shows as sender */
  from: string;
  spId: string;
  text: string;
  segments: InboxSegment[];
  receivedAt: string;
}

export interface IncomingSegment {
  spId: string;
  from: string;
  to: string;
  msgFmt: number;
  tpUdhi: number;
  pkTotal: number;
  pkNumber: number;
  content: Buffer;
  msgId: string;
}

/**
 * What the handsets "received": long messages reassembled from their segments (by UDH reference),
 * kept per number, and a count of every (to, text) pair so duplicates are visible.
 */
export class HandsetInbox {
  private readonly byHandset = new Map<string, InboxMessage[]>();
  private readonly pairCounts = new Map<string, number>();
  private readonly parts: Reassembler<string>;
  private total = 0;

  constructor(
    reassemblyTimeoutMs = 10 * 60_000,
    private readonly maxMessages = 200_000,
  ) {
    this.parts = new Reassembler<string>(reassemblyTimeoutMs);
  }

  /** Adds one segment for one recipient; returns the whole message when this segment completed it. */
  add(s: IncomingSegment): InboxMessage | null {
    const udh = s.tpUdhi === 1 ? parseUdh(s.content) : null;
    const body = udh ? udh.body : s.content;
    const concat = udh?.concat ?? null;
    const r = this.parts.add({
      key: `${s.spId}|${s.from}|${s.to}`,
      ref: concat?.ref ?? 0,
      total: concat?.total ?? 1,
      seq: concat?.seq ?? 1,
      text: decodeText(body, s.msgFmt),
      meta: s.msgId,
    });
    this.parts.sweep();
    if (r.status !== 'complete') return null;
    const message: InboxMessage = {
      to: s.to,
      from: s.from,
      spId: s.spId,
      text: r.message.text,
      segments: r.message.parts.map((p) => ({ msgId: p.meta, seq: p.seq })),
      receivedAt: new Date().toISOString(),
    };
    if (this.total < this.maxMessages) {
      const list = this.byHandset.get(s.to) ?? [];
      list.push(message);
      this.byHandset.set(s.to, list);
      this.total++;
    }
    const pair = `${s.to}\u0000${message.text}`;
    this.pairCounts.set(pair, (this.pairCounts.get(pair) ?? 0) + 1);
    return message;
  }

  list(to?: string): InboxMessage[] {
    if (to !== undefined) return [...(this.byHandset.get(to) ?? [])];
    return [...this.byHandset.values()].flat();
  }

  /** Every (to, content) pair received more than once. */
  duplicates(): { to: string; content: string; count: number }[] {
    const out: { to: string; content: string; count: number }[] = [];
    for (const [pair, count] of this.pairCounts) {
      if (count < 2) continue;
      const [to, content] = pair.split('\u0000');
      out.push({ to, content, count });
    }
    return out;
  }

  get messageCount(): number {
    return [...this.pairCounts.values()].reduce((a, b) => a + b, 0);
  }

  get handsetCount(): number {
    return this.byHandset.size;
  }

  get partialCount(): number {
    return this.parts.size;
  }

  clear(): void {
    this.byHandset.clear();
    this.pairCounts.clear();
    this.total = 0;
  }
}
