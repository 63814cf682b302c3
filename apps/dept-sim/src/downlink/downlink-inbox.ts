/** What a simulated unit received from the ops node's downlink (kept in memory; a real unit would store it). */
export interface DownlinkReceipt {
  recordId: string;
  dataType: string;
  sourceNode: string;
  content: unknown;
  via: 'soap' | 'http';
  receivedAt: string;
  deliveries: number;
}

export class DownlinkInbox {
  private readonly byDept = new Map<string, Map<string, DownlinkReceipt>>();

  /** Records a delivery; true when it is new (a redelivery only bumps the counter). */
  receive(dept: string, r: Omit<DownlinkReceipt, 'receivedAt' | 'deliveries'>): boolean {
    let m = this.byDept.get(dept);
    if (!m) this.byDept.set(dept, (m = new Map()));
    const seen = m.get(r.recordId);
    if (seen) {
      seen.deliveries++;
      return false;
    }
    m.set(r.recordId, { ...r, receivedAt: new Date().toISOString(), deliveries: 1 });
    return true;
  }

  list(dept: string): DownlinkReceipt[] {
    return [...(this.byDept.get(dept)?.values() ?? [])];
  }
}
