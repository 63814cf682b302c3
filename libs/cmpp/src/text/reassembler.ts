/**
 * Puts long-message segments back together on the receiving side. Segments may arrive out of
 * order, more than once (a resend after a lost response), or never (then the partial message
 * expires after `timeoutMs` and is reported through `sweep`).
 */
export interface SegmentIn<M> {
  /** identifies the conversation, e.g. sender + recipient; the UDH reference is only unique within it */
  key: string;
  ref: number;
  total: number;
  seq: number;
  text: string;
  /** per-segment data returned with the whole message (e.g. the segment's Msg_Id) */
  meta: M;
}

export interface Reassembled<M> {
  key: string;
  ref: number;
  text: string;
  /** ordered by segment number */
  parts: { seq: number; meta: M }[];
}

export type AddResult<M> = { status: 'complete'; message: Reassembled<M> } | { status: 'partial'; have: number; total: number } | { status: 'duplicate' };

interface Pending<M> {
  total: number;
  firstAt: number;
  parts: Map<number, { text: string; meta: M }>;
}

export class Reassembler<M> {
  private readonly pending = new Map<string, Pending<M>>();

  constructor(
    private readonly timeoutMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
    /** caps memory under a flood of never-completed messages; the oldest is evicted first */
    private readonly maxPending = 10_000,
  ) {}

  add(s: SegmentIn<M>): AddResult<M> {
    if (s.total === 1) return { status: 'complete', message: { key: s.key, ref: s.ref, text: s.text, parts: [{ seq: 1, meta: s.meta }] } };
    const id = `${s.key}\u0000${s.ref}\u0000${s.total}`;
    let p = this.pending.get(id);
    if (!p) {
      if (this.pending.size >= this.maxPending) {
        const oldest = this.pending.keys().next();
        if (!oldest.done) this.pending.delete(oldest.value);
      }
      p = { total: s.total, firstAt: this.now(), parts: new Map() };
      this.pending.set(id, p);
    }
    if (p.parts.has(s.seq)) return { status: 'duplicate' };
    p.parts.set(s.seq, { text: s.text, meta: s.meta });
    if (p.parts.size < p.total) return { status: 'partial', have: p.parts.size, total: p.total };
    this.pending.delete(id);
    const ordered = [...p.parts.entries()].sort(([a], [b]) => a - b);
    return {
      status: 'complete',
      message: { key: s.key, ref: s.ref, text: ordered.map(([, v]) => v.text).join(''), parts: ordered.map(([seq, v]) => ({ seq, meta: v.meta })) },
    };
  }

  /** Drops partial messages older than the timeout and returns them (for logging / counting). */
  sweep(): { key: string; ref: number; have: number; total: number }[] {
    const cutoff = this.now() - this.timeoutMs;
    const expired: { key: string; ref: number; have: number; total: number }[] = [];
    for (const [id, p] of this.pending) {
      if (p.firstAt > cutoff) continue;
      const [key, ref] = id.split('\u0000');
      expired.push({ key, ref: Number(ref), have: p.parts.size, total: p.total });
      this.pending.delete(id);
    }
    return expired;
  }

  get size(): number {
    return this.pending.size;
  }
}
