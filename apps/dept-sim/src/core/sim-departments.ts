import { BehaviourProfile, DepartmentConfig, Topology } from '@app/exchange-contract';
import { WakeSignal } from '@app/common';
import { FrontDbClient, FrontDbRegistry } from '@app/front-db';
import { NonceStore } from '@app/soap-kit';
import { wsNonceRepository } from '../database/ws-nonce.repository';

export interface SimCounters {
  notificationsReceived: number;
  notificationsDropped: number;
  takenViaNotify: number;
  takenViaScan: number;
  callbacksWritten: Record<'SUPPLEMENT' | 'ACCEPT' | 'CONCLUDE', number>;
  callbackNotificationsLost: number;
  callbackNotificationsSent: number;
  callbackNotificationFailures: number;
}

/** One simulated department: its contract settings, its mutable behaviour profile, its front DB and counters. */
export class SimDepartment {
  readonly counters: SimCounters = {
    notificationsReceived: 0,
    notificationsDropped: 0,
    takenViaNotify: 0,
    takenViaScan: 0,
    callbacksWritten: { SUPPLEMENT: 0, ACCEPT: 0, CONCLUDE: 0 },
    callbackNotificationsLost: 0,
    callbackNotificationsSent: 0,
    callbackNotificationFailures: 0,
  };

  /** Wakes this department's back-office loop when the intake has scheduled work for it. */
  readonly wake = new WakeSignal();

  /**
   * Spent WS-Security nonces of the platform's tokens for this department, in its own DB (the front
   * DB plays it in the simulator): one store for all four endpoints that accept that credential
   * (acceptance and downlink, SOAP and HTTP/JSON), so a token is accepted once in all of them.
   */
  readonly nonces: NonceStore & { close(): void };

  constructor(
    readonly config: DepartmentConfig,
    public profile: BehaviourProfile,
    private readonly frontDbs: FrontDbRegistry,
  ) {
    this.nonces = wsNonceRepository(() => this.front);
  }

  /** This department's front DB; throws 5001 前置库不可用 while it cannot be reached. */
  get front(): FrontDbClient {
    return this.frontDbs.get(this.config.code);
  }

  get code(): string {
    return this.config.code;
  }

  /** operator names written into the shadow and callback rows */
  get clerk(): string {
    return `${this.code}-收件员`;
  }

  get approver(): string {
    return `${this.code}-审批员01`;
  }
}

export class SimDepartments {
  private readonly byCode = new Map<string, SimDepartment>();

  constructor(topology: Topology, frontDbs: FrontDbRegistry) {
    for (const d of topology.departments) this.byCode.set(d.code, new SimDepartment(d, { ...d.profile }, frontDbs));
  }

  get(code: string): SimDepartment | undefined {
    return this.byCode.get(code);
  }

  all(): SimDepartment[] {
    return [...this.byCode.values()];
  }
}
