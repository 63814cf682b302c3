import { EntityManager } from 'typeorm';
import { applicationMachine, ApplicationEvent, ApplicationState } from './application-state-machine';
import { ApplicationEntity } from './application.entity';

/** What a submission locks and needs of the application. */
export interface LockedForSubmit {
  state: ApplicationState;
  currentVersion: number;
  itemCode: string;
  deptCode: string;
  correlationId: string;
}

/** What a callback batch locks of each application. */
export interface LockedForCallback {
  applyNo: string;
  deptCode: string;
  state: ApplicationState;
  currentVersion: number;
}

/** The final values one callback batch gives an application (state already judged by the state machine). */
export interface CallbackPatch {
  state: ApplicationState;
  result?: 'APPROVED' | 'REJECTED';
  resultOpinion?: string;
  concludedAt?: Date;
}

/** What an SMS to the applicant is rendered from (the phone still as stored: encrypted). */
export interface SmsFacts {
  applyNo: string;
  phone: string;
  deliveryMethod: 'PICKUP' | 'EXPRESS';
  itemName: string;
  handlingLocation: string;
  materials: { code: string; name: string }[];
}

type Row = Record<string, unknown>;

/**
 * The only code that reads or writes the `application` table for the use-cases (the read model
 * of the clerk API, ApplicationsQuery, still queries it for lists). Every method that changes
 * `state` asks the state machine, so an illegal change is refused before any SQL runs; the
 * batch UPDATEs also re-check the source state in SQL, as before.
 */
export class ApplicationRepository {
  constructor(private readonly em: EntityManager) {}

  /** A new application, in the state the machine gives a registration. */
  build(fields: Omit<ApplicationEntity, 'state' | 'createdAt' | 'updatedAt'>): ApplicationEntity {
    return this.em.create(ApplicationEntity, { ...fields, state: applicationMachine.next(null, ApplicationEvent.REGISTER) });
  }

  async insert(app: ApplicationEntity): Promise<void> {
    await this.em.insert(ApplicationEntity, app);
  }

  getOrFail(applyNo: string): Promise<ApplicationEntity> {
    return this.em.getRepository(ApplicationEntity).findOneByOrFail({ applyNo });
  }

  /** The application row locked (FOR UPDATE) for the rest of the transaction. */
  lock(applyNo: string): Promise<ApplicationEntity | null> {
    return this.em.findOne(ApplicationEntity, { where: { applyNo }, lock: { mode: 'pessimistic_write' } });
  }

  /** Hot path (every submission): explicit SQL, the few columns it needs. */
  async lockForSubmit(applyNo: string): Promise<LockedForSubmit | undefined> {
    const rows = (await this.em.query(
      'SELECT state, current_version AS currentVersion, item_code AS itemCode, dept_code AS deptCode, correlation_id AS correlationId FROM application WHERE apply_no = ? FOR UPDATE',
      [applyNo],
    )) as LockedForSubmit[];
    return rows[0];
  }

  /** DRAFT → SUBMITTED of a row locked by lockForSubmit. */
  async markSubmitted(applyNo: string, from: ApplicationState): Promise<ApplicationState> {
    const to = applicationMachine.next(from, ApplicationEvent.SUBMIT);
    await this.em.query('UPDATE application SET state = ? WHERE apply_no = ?', [to, applyNo]);
    return to;
  }

  /** SUPPLEMENT_REQUIRED → DRAFT with version n+1 in progress, of a locked row. */
  async openVersion(applyNo: string, from: ApplicationState, version: number): Promise<ApplicationState> {
    const to = applicationMachine.next(from, ApplicationEvent.RESUBMIT);
    await this.em.update(ApplicationEntity, { applyNo }, { currentVersion: version, state: to });
    return to;
  }

  /**
   * SUBMITTED → DISPATCHED for the applications of these outbox rows: only those still in the
   * machine's source state at the outbox row's version (a quick callback may have moved one on).
   */
  async markDispatched(outboxIds: string[]): Promise<void> {
    const [from] = applicationMachine.allowedFrom(ApplicationEvent.DISPATCH);
    await this.em.query(
      'UPDATE application a JOIN dispatch_outbox o ON o.apply_no = a.apply_no AND o.version = a.current_version SET a.state = ? WHERE o.id IN (?) AND a.state = ?',
      [applicationMachine.next(from, ApplicationEvent.DISPATCH), outboxIds, from],
    );
  }

  /** Locked in apply_no order, so concurrent takers never wait on each other in a cycle. */
  async lockForCallbacks(applyNos: string[]): Promise<Map<string, LockedForCallback>> {
    const rows = (await this.em.query(
      'SELECT apply_no AS applyNo, dept_code AS deptCode, state, current_version AS currentVersion FROM application WHERE apply_no IN (?) ORDER BY apply_no FOR UPDATE',
      [applyNos],
    )) as LockedForCallback[];
    return new Map(rows.map((a) => [a.applyNo, { ...a, currentVersion: Number(a.currentVersion) }]));
  }

  /** One UPDATE for every application of a callback batch, each getting its own final values. */
  async applyCallbackPatches(patches: Map<string, CallbackPatch>): Promise<void> {
    if (patches.size === 0) return;
    const ids = [...patches.keys()];
    const col = (pick: (p: CallbackPatch) => unknown, column: string): { sql: string; params: unknown[] } => {
      const rows = ids.filter((id) => pick(patches.get(id)!) !== undefined);
      if (rows.length === 0) return { sql: `${column} = ${column}`, params: [] };
      return {
        sql: `${column} = CASE apply_no ${rows.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ${column} END`,
        params: rows.flatMap((id) => [id, pick(patches.get(id)!)]),
      };
    };
    const sets = [
      col((p) => p.state, 'state'),
      col((p) => p.result, 'result'),
      col((p) => p.resultOpinion, 'result_opinion'),
      col((p) => p.concludedAt, 'concluded_at'),
    ];
    await this.em.query(`UPDATE application SET ${sets.map((x) => x.sql).join(', ')} WHERE apply_no IN (?)`, [...sets.flatMap((x) => x.params), ids]);
  }

  /** Drafts without activity for `hours`, locked (SKIP LOCKED: replicas share the work). */
  async lockExpirableDrafts(hours: number, limit: number): Promise<string[]> {
    const [from] = applicationMachine.allowedFrom(ApplicationEvent.EXPIRE);
    const rows = (await this.em.query(
      `SELECT a.apply_no AS applyNo FROM application a
             WHERE a.state = ? AND a.updated_at < NOW(3) - INTERVAL ? HOUR
               AND NOT EXISTS (SELECT 1 FROM application_version v WHERE v.apply_no = a.apply_no AND v.version = a.current_version AND v.created_at >= NOW(3) - INTERVAL ? HOUR)
               AND NOT EXISTS (SELECT 1 FROM application_material m WHERE m.apply_no = a.apply_no AND m.version = a.current_version AND m.uploaded_at >= NOW(3) - INTERVAL ? HOUR)
             ORDER BY a.state, a.updated_at LIMIT ? FOR UPDATE SKIP LOCKED`,
      [from, hours, hours, hours, limit],
    )) as { applyNo: string }[];
    return rows.map((r) => r.applyNo);
  }

  /** DRAFT → EXPIRED; the UPDATE re-checks the state. */
  async expire(applyNos: string[], reason: string): Promise<void> {
    const [from] = applicationMachine.allowedFrom(ApplicationEvent.EXPIRE);
    await this.em.query('UPDATE application SET state = ?, expired_at = NOW(3), expire_reason = ? WHERE apply_no IN (?) AND state = ?', [
      applicationMachine.next(from, ApplicationEvent.EXPIRE),
      reason,
      applyNos,
      from,
    ]);
  }

  /** The applications of a dispatch batch, raw columns (the ID and phone numbers still encrypted). */
  loadForDispatch(applyNos: string[]): Promise<Row[]> {
    return this.em.query(
      'SELECT apply_no, item_code, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, delivery_method, delivery_address, created_by, created_at FROM application WHERE apply_no IN (?)',
      [applyNos],
    ) as Promise<Row[]>;
  }

  /**
   * What the SMS to the applicant needs of each application (docs/applicant-sms.md): the phone as
   * stored (encrypted), the delivery method, the item's name, 办理地点 and materials.
   */
  async smsFacts(applyNos: string[]): Promise<Map<string, SmsFacts>> {
    if (applyNos.length === 0) return new Map();
    const rows = (await this.em.query(
      'SELECT a.apply_no AS applyNo, a.applicant_phone AS phone, a.delivery_method AS deliveryMethod, i.name AS itemName, i.handling_location AS handlingLocation, i.materials AS materials FROM application a JOIN item i ON i.code = a.item_code WHERE a.apply_no IN (?)',
      [applyNos],
    )) as (Omit<SmsFacts, 'materials'> & { materials: string })[];
    return new Map(
      rows.map((r) => [
        r.applyNo,
        { ...r, materials: (JSON.parse(r.materials || '[]') as { code: string; name: string }[]).map((m) => ({ code: m.code, name: m.name })) },
      ]),
    );
  }

  /** Which of these 申报号 the platform registered. */
  async existing(applyNos: string[]): Promise<Set<string>> {
    if (applyNos.length === 0) return new Set();
    return new Set(
      ((await this.em.query('SELECT apply_no FROM application WHERE apply_no IN (?)', [applyNos])) as { apply_no: string }[]).map((r) => r.apply_no),
    );
  }
}
