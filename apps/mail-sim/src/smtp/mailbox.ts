/** A message as the development SMTP server received and parsed it. */
export interface ReceivedMail {
  id: number;
  /** SMTP envelope */
  envelope: { from: string; to: string[] };
  messageId?: string;
  from?: string;
  /** header recipients (To and Cc), addresses only */
  to: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** every header, lower-case names, as text */
  headers: Record<string, string>;
  sizeBytes: number;
  receivedAt: string;
}

export interface MailFaults {
  /** RCPT TO of these addresses is refused with 550 (用户不存在) */
  rejectRecipients: string[];
  /** the next n messages are refused at end of DATA with 451 (temporary failure); counts down */
  tempFailNext: number;
}

const NO_FAULTS: MailFaults = { rejectRecipients: [], tempFailNext: 0 };

/** The received mail and the faults in force, in memory, bounded. */
export class Mailbox {
  private readonly mails: ReceivedMail[] = [];
  private nextId = 1;
  private counters = { accepted: 0, rejectedRecipients: 0, tempFailed: 0, parseErrors: 0 };
  faults: MailFaults = { ...NO_FAULTS, rejectRecipients: [] };

  constructor(private readonly maxMessages: number) {}

  add(mail: Omit<ReceivedMail, 'id'>): ReceivedMail {
    const stored = { id: this.nextId++, ...mail };
    this.mails.push(stored);
    if (this.mails.length > this.maxMessages) this.mails.splice(0, this.mails.length - this.maxMessages);
    this.counters.accepted++;
    return stored;
  }

  /** Messages whose envelope or header recipients include `to` (case-insensitive); all when absent. */
  list(to?: string): ReceivedMail[] {
    if (!to) return [...this.mails];
    const want = to.toLowerCase();
    return this.mails.filter((m) => m.envelope.to.some((a) => a.toLowerCase() === want) || m.to.some((a) => a.toLowerCase() === want));
  }

  isRejected(address: string): boolean {
    const a = address.toLowerCase();
    const hit = this.faults.rejectRecipients.some((r) => r.toLowerCase() === a);
    if (hit) this.counters.rejectedRecipients++;
    return hit;
  }

  /** true when this message must be refused with a temporary failure (and counts the fault down) */
  takeTempFail(): boolean {
    if (this.faults.tempFailNext <= 0) return false;
    this.faults.tempFailNext--;
    this.counters.tempFailed++;
    return true;
  }

  countParseError(): void {
    this.counters.parseErrors++;
  }

  setFaults(patch: Partial<MailFaults>): MailFaults {
    this.faults = { ...this.faults, ...patch };
    return this.faults;
  }

  resetFaults(): MailFaults {
    this.faults = { ...NO_FAULTS, rejectRecipients: [] };
    return this.faults;
  }

  clear(): void {
    this.mails.length = 0;
    this.counters = { accepted: 0, rejectedRecipients: 0, tempFailed: 0, parseErrors: 0 };
  }

  stats() {
    return { stored: this.mails.length, ...this.counters };
  }
}
