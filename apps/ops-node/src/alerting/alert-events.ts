import { AlertSeverity, AlertStatus } from '@app/ops-contract';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { NoticeKind } from './notification-policy';

export type AlertEventKind = 'PENDING' | 'PENDING_CANCELLED' | 'FIRING' | 'RESOLVED' | 'ACKNOWLEDGED' | 'CLOSED';

/** One state change of one alert, emitted right after it is committed (escalation stops on ACKNOWLEDGED/RESOLVED/CLOSED). */
export interface AlertStateChanged {
  event: AlertEventKind;
  alertId: string | null;
  ruleId: number;
  ruleName: string;
  resourceId: string;
  subResourceId: string;
  metric: string;
  severity: AlertSeverity;
  status: AlertStatus | null;
  value: number | null;
  muted: boolean;
  actor: string | null;
  at: Date;
}

export interface NoticeAlert {
  alertId: string;
  event: NoticeKind;
  ruleName: string | null;
  resourceId: string;
  subResourceId: string;
  metric: string;
  severity: AlertSeverity;
  status: AlertStatus;
  value: number;
  threshold: number;
  message: string;
  raisedAt: Date;
  resolvedAt: Date | null;
}

/** One grouped notice (a row of alert_notification_outbox): what the e-mail/SMS/voice channels deliver. */
export interface AlertNotice {
  noticeId: number;
  groupKey: string;
  kind: NoticeKind | 'MIXED';
  severity: AlertSeverity;
  title: string;
  alerts: NoticeAlert[];
  createdAt: Date;
}

/**
 * The "alert state changed" hook. Everything emitted here is already durable (system_log, ops_alert,
 * alert_notification_outbox); a channel that misses an in-process event finds the notice in the outbox.
 * Listener errors are logged and never reach the alert engine.
 */
@Injectable()
export class AlertEvents {
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger('AlertEvents');

  onStateChanged(fn: (e: AlertStateChanged) => void | Promise<void>): () => void {
    return this.on('state', fn);
  }

  onNotice(fn: (n: AlertNotice) => void | Promise<void>): () => void {
    return this.on('notice', fn);
  }

  emitStateChanged(e: AlertStateChanged): void {
    this.emit('state', e);
  }

  emitNotice(n: AlertNotice): void {
    this.emit('notice', n);
  }

  private on<T>(name: string, fn: (e: T) => void | Promise<void>): () => void {
    const wrapped = (e: T) => {
      try {
        const r = fn(e);
        if (r instanceof Promise) r.catch((err: Error) => this.logger.error({ msg: 'alert listener failed', event: name, err: err.message }));
      } catch (err) {
        this.logger.error({ msg: 'alert listener failed', event: name, err: (err as Error).message });
      }
    };
    this.emitter.on(name, wrapped);
    return () => this.emitter.off(name, wrapped);
  }

  private emit(name: string, payload: unknown): void {
    this.emitter.emit(name, payload);
  }
}
