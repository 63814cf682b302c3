import { AttemptRecord, AttemptStatusChange, EscalationState, NewAttemptRecord } from './escalation.types';

export class ConcurrentUpdateError extends Error {
  constructor(alertId: string) {
    super(`escalation of ${alertId} was changed by someone else`);
    this.name = 'ConcurrentUpdateError';
  }
}

/**
 * The persistence port of the escalation engine. The ops node implements it on its database
 * (one row per escalation holding the state as JSON plus an indexed due_at, one row per attempt);
 * InMemoryEscalationStore is the reference implementation used by the tests.
 */
export interface EscalationStore {
  /** stores a new escalation; false (and nothing written) when the alert already has one */
  insert(state: EscalationState): Promise<boolean>;
  get(alertId: string): Promise<EscalationState | null>;
  /** writes the state if its stored version is still `state.version`, storing version + 1; else ConcurrentUpdateError */
  save(state: EscalationState): Promise<EscalationState>;
  /** alert ids whose dueAt is at or before `now`, earliest first */
  listDue(now: Date, limit: number): Promise<string[]>;
  appendAttempt(attempt: NewAttemptRecord): Promise<AttemptRecord>;
  /**
   * Applies a provider's later outcome. Matches the attempt of (alertId, noticeSeq, channel, recipient)
   * carrying providerId, else the latest such attempt still 'unknown' (its answer came after all).
   * Only 'sent' and 'unknown' attempts change. Returns the updated record, or null when none matched.
   */
  updateAttemptStatus(change: AttemptStatusChange): Promise<AttemptRecord | null>;
  listAttempts(alertId: string): Promise<AttemptRecord[]>;
}

/** The reference store: in memory, copies in and out so callers never share objects with it. */
export class InMemoryEscalationStore implements EscalationStore {
  private readonly states = new Map<string, EscalationState>();
  private readonly attempts: AttemptRecord[] = [];
  private nextAttemptId = 1;

  insert(state: EscalationState): Promise<boolean> {
    if (this.states.has(state.alertId)) return Promise.resolve(false);
    this.states.set(state.alertId, structuredClone(state));
    return Promise.resolve(true);
  }

  get(alertId: string): Promise<EscalationState | null> {
    const s = this.states.get(alertId);
    return Promise.resolve(s ? structuredClone(s) : null);
  }

  save(state: EscalationState): Promise<EscalationState> {
    const current = this.states.get(state.alertId);
    if (!current || current.version !== state.version) return Promise.reject(new ConcurrentUpdateError(state.alertId));
    const stored = structuredClone({ ...state, version: state.version + 1 });
    this.states.set(state.alertId, stored);
    return Promise.resolve(structuredClone(stored));
  }

  listDue(now: Date, limit: number): Promise<string[]> {
    const due = [...this.states.values()].filter((s) => s.dueAt !== null && s.dueAt.getTime() <= now.getTime());
    due.sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
    return Promise.resolve(due.slice(0, limit).map((s) => s.alertId));
  }

  appendAttempt(attempt: NewAttemptRecord): Promise<AttemptRecord> {
    const record: AttemptRecord = { ...structuredClone(attempt), id: String(this.nextAttemptId++) };
    this.attempts.push(record);
    return Promise.resolve(structuredClone(record));
  }

  updateAttemptStatus(c: AttemptStatusChange): Promise<AttemptRecord | null> {
    const same = this.attempts.filter((a) => a.alertId === c.alertId && a.noticeSeq === c.noticeSeq && a.channel === c.channel && a.recipient === c.recipient);
    const target = same.find((a) => a.providerId === c.providerId) ?? same.reverse().find((a) => a.status === 'unknown');
    if (!target || (target.status !== 'sent' && target.status !== 'unknown')) return Promise.resolve(null);
    target.status = c.status;
    target.providerId ??= c.providerId;
    target.detail = c.detail;
    if (c.status === 'failed') target.error = c.detail;
    target.updatedAt = c.at;
    return Promise.resolve(structuredClone(target));
  }

  listAttempts(alertId: string): Promise<AttemptRecord[]> {
    return Promise.resolve(this.attempts.filter((a) => a.alertId === alertId).map((a) => structuredClone(a)));
  }
}
