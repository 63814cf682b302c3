import { AttemptRecord, AttemptStatusChange, EscalationState, EscalationStore, NewAttemptRecord } from '@app/notify';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SystemLogRepository } from '../system-log';
import { EscalationFilter, EscalationRepository } from './escalation.repository';
import { attemptLogEntry, statusLogEntry } from './notify-log';

export type { EscalationFilter } from './escalation.repository';

/**
 * The escalation engine's persistence port on the ops node's DB (the tables are EscalationRepository's).
 * Each attempt and each later status change is written to the system log (系统日志) in the same
 * transaction as its row; everything else is one autocommit statement.
 */
@Injectable()
export class DbEscalationStore implements EscalationStore {
  constructor(private readonly uow: UnitOfWork) {}

  private get repo(): EscalationRepository {
    return this.uow.autocommit.get(EscalationRepository);
  }

  insert(state: EscalationState): Promise<boolean> {
    return this.repo.insert(state);
  }

  get(alertId: string): Promise<EscalationState | null> {
    return this.repo.get(alertId);
  }

  save(state: EscalationState): Promise<EscalationState> {
    return this.repo.save(state);
  }

  listDue(now: Date, limit: number): Promise<string[]> {
    return this.repo.listDue(now, limit);
  }

  appendAttempt(a: NewAttemptRecord): Promise<AttemptRecord> {
    return this.uow.run(async (tx) => {
      const record = await tx.get(EscalationRepository).insertAttempt(a);
      await tx.get(SystemLogRepository).write([attemptLogEntry(record)], a.at);
      return record;
    });
  }

  updateAttemptStatus(c: AttemptStatusChange): Promise<AttemptRecord | null> {
    return this.uow.run(async (tx) => {
      const record = await tx.get(EscalationRepository).updateAttemptStatus(c);
      if (record) await tx.get(SystemLogRepository).write([statusLogEntry(record)], c.at);
      return record;
    });
  }

  listAttempts(alertId: string): Promise<AttemptRecord[]> {
    return this.repo.listAttempts(alertId);
  }

  // ---- beyond the port: what the API shows

  list(f: EscalationFilter): Promise<EscalationState[]> {
    return this.repo.list(f);
  }

  attemptsOf(alertIds: string[]): Promise<AttemptRecord[]> {
    return this.repo.attemptsOf(alertIds);
  }

  recentAttempts(limit: number): Promise<AttemptRecord[]> {
    return this.repo.recentAttempts(limit);
  }

  /** Escalations still waiting for somebody whose alert is no longer firing (an acknowledgement or recovery event was missed). */
  outrun(limit: number): ReturnType<EscalationRepository['outrun']> {
    return this.repo.outrun(limit);
  }

  // ---- retention: notification records are kept as long as the system log that names them

  purgeAttemptsBefore(before: Date, limit: number): Promise<number> {
    return this.repo.purgeAttemptsBefore(before, limit);
  }

  purgeFinishedBefore(before: Date, limit: number): Promise<number> {
    return this.repo.purgeFinishedBefore(before, limit);
  }
}
