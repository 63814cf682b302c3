import { retryTransient } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationReadRepository } from '../applications/application-read.repository';
import { ApplicationMaterialRepository } from '../applications/application-material.repository';
import { ApplicationVersionRepository } from '../applications/application-version.repository';
import { ApplicationRepository } from '../applications/application.repository';
import { allocateApplyNo } from '../applications/apply-no.allocator';
import { RegistrationIdempotencyRepository } from '../applications/registration-idempotency.repository';
import { CallbackInboxRepository } from '../callbacks/callback-inbox.repository';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DispatchOutboxRepository } from '../dispatch/dispatch-outbox.repository';
import { DispatchHoldRepository } from '../ops/dispatch-hold.repository';
import { DocumentsRepository } from '../documents/documents.repository';
import { ApplicantSmsRepository } from '../applicant-sms/applicant-sms.repository';

/** Every repository of the platform DB, bound to one EntityManager (one transaction, or autocommit). */
export class Repositories {
  readonly applications: ApplicationRepository;
  readonly versions: ApplicationVersionRepository;
  readonly materials: ApplicationMaterialRepository;
  readonly idempotency: RegistrationIdempotencyRepository;
  readonly outbox: DispatchOutboxRepository;
  readonly inbox: CallbackInboxRepository;
  readonly holds: DispatchHoldRepository;
  readonly documents: DocumentsRepository;
  /** 出件 (hand-over and express mailing after 办结) */
  readonly deliveries: DeliveryRepository;
  /** SMS to the applicant (补正补齐, 办结): the outbox and its delivery record */
  readonly applicantSms: ApplicantSmsRepository;
  /** the clerk API's read model (no locks; use on autocommit) */
  readonly reads: ApplicationReadRepository;

  constructor(em: EntityManager) {
    this.applications = new ApplicationRepository(em);
    this.versions = new ApplicationVersionRepository(em);
    this.materials = new ApplicationMaterialRepository(em);
    this.idempotency = new RegistrationIdempotencyRepository(em);
    this.outbox = new DispatchOutboxRepository(em);
    this.inbox = new CallbackInboxRepository(em);
    this.holds = new DispatchHoldRepository(em);
    this.documents = new DocumentsRepository(em);
    this.deliveries = new DeliveryRepository(em);
    this.applicantSms = new ApplicantSmsRepository(em);
    this.reads = new ApplicationReadRepository(em);
  }
}

/**
 * The one way one-window opens a platform transaction. READ COMMITTED everywhere: no gap locks,
 * so submissions inserting outbox rows never wait on a dispatch claim. A transient failure
 * (deadlock victim, lock wait timeout, lost connection) re-runs the whole unit by default;
 * `retry: false` where the caller owns the retry (the callback take runs inside a front-DB
 * transaction; the draft-expiry job retries on its next tick).
 */
@Injectable()
export class UnitOfWork {
  private autocommitRepos?: Repositories;

  constructor(private readonly ds: DataSource) {}

  run<T>(work: (tx: Repositories) => Promise<T>, opts: { retry?: boolean } = {}): Promise<T> {
    const once = (): Promise<T> => this.ds.transaction('READ COMMITTED', (em) => work(new Repositories(em)));
    return opts.retry === false ? once() : retryTransient(once);
  }

  /**
   * Repositories outside any transaction: each statement commits on its own, on any pooled
   * connection (so independent reads run in parallel).
   */
  get autocommit(): Repositories {
    this.autocommitRepos ??= new Repositories(this.ds.manager);
    return this.autocommitRepos;
  }

  /** The next 申报号; its counter row is bumped in its own autocommit statement (apply-no.allocator.ts). */
  allocateApplyNo(region: string, now: Date): Promise<string> {
    return allocateApplyNo(this.ds, region, now);
  }
}
