import { Principal, Role } from '@app/accounts';
import { AppError, ReturnCode } from '@app/common';
import { ensureDatabase } from '@app/front-db';
import { FieldCipher } from '@app/gm-crypto';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { applicationMachine, ApplicationEvent, ApplicationState as S } from '../apps/one-window/src/applications/application-state-machine';
import { RegisterApplicationDto } from '../apps/one-window/src/applications/dto/register-application.dto';
import { RegisterApplicationUseCase } from '../apps/one-window/src/applications/use-cases/register-application.use-case';
import { StartResubmissionUseCase } from '../apps/one-window/src/applications/use-cases/start-resubmission.use-case';
import { SubmitApplicationUseCase } from '../apps/one-window/src/applications/use-cases/submit-application.use-case';
import { UploadMaterialUseCase } from '../apps/one-window/src/applications/use-cases/upload-material.use-case';
import { CatalogService } from '../apps/one-window/src/catalog/catalog.service';
import { ItemEntity } from '../apps/one-window/src/catalog/item.entity';
import { loadOneWindowConfig } from '../apps/one-window/src/config/one-window.config';
import { setPiiCipher } from '../apps/one-window/src/database/pii';
import { platformDataSourceOptions } from '../apps/one-window/src/database/platform-datasource';
import { UnitOfWork } from '../apps/one-window/src/database/unit-of-work';
import { DispatchSignal } from '../apps/one-window/src/dispatch/dispatch.signal';
import { SystemClock } from '@app/common';
import { dbEnv, dropDatabases, freshPrefix } from './support/env';
import { DEFAULT_ID_NO } from './support/identity-numbers';
import { ApplicationRepository } from '../apps/one-window/src/applications/application.repository';
import { DispatchOutboxRepository } from '../apps/one-window/src/dispatch/dispatch-outbox.repository';

/**
 * Middle level: the one-window repositories and use-cases built by hand in this process against
 * the private MariaDB — no HTTP, no child processes, no department. The migrations run in-process.
 */
describe('one-window repositories and use-cases (in-process, real MariaDB)', () => {
  const prefix = freshPrefix();
  const { config, topology } = loadOneWindowConfig({ ...dbEnv(prefix), PII_SM4_KEY: randomBytes(16).toString('hex') });
  const clerk: Principal = {
    accountId: 1,
    username: 'clerk01',
    displayName: '窗口一',
    role: Role.OPERATOR,
    windowNo: '01',
    sessionId: 'test',
    mustChangePassword: false,
  };
  const pdf = (text: string): { originalname: string; mimetype: string; buffer: Buffer } => ({
    originalname: `${text}.pdf`,
    mimetype: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
  });
  const dto = (): RegisterApplicationDto =>
    Object.assign(new RegisterApplicationDto(), {
      itemCode: 'PSB-003', // two required materials: QUERY_FORM, ID_CARD
      applicantType: 'PERSON',
      applicantName: '中层甲',
      applicantIdNo: DEFAULT_ID_NO,
      applicantPhone: '13800000000',
      deliveryMethod: 'PICKUP',
      formData: { purpose: '就业', residence: '河南省平顶山市石龙区人民路1号' },
    });
  let ds: DataSource;
  let uow: UnitOfWork;
  let register: RegisterApplicationUseCase;
  let upload: UploadMaterialUseCase;
  let submit: SubmitApplicationUseCase;
  let resubmit: StartResubmissionUseCase;
  const refusal = async (p: Promise<unknown>): Promise<AppError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
    return err;
  };
  const appRow = async (applyNo: string) =>
    ((await ds.query('SELECT state, current_version AS v FROM application WHERE apply_no = ?', [applyNo])) as { state: S; v: number }[])[0];
  const outbox = (applyNo: string) =>
    ds.query('SELECT id, version, dept_code AS deptCode, state, attempts FROM dispatch_outbox WHERE apply_no = ? ORDER BY version', [applyNo]) as Promise<
      { id: string; version: number; deptCode: string; state: string; attempts: number }[]
    >;

  beforeAll(async () => {
    await ensureDatabase({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.platformDbName });
    setPiiCipher(new FieldCipher(config.piiKey));
    ds = new DataSource(platformDataSourceOptions(config));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    uow = new UnitOfWork(ds);
    const catalog = new CatalogService(ds.getRepository(ItemEntity));
    const signal = new DispatchSignal();
    register = new RegisterApplicationUseCase(uow, catalog, new SystemClock(), config, topology);
    upload = new UploadMaterialUseCase(uow, catalog, config);
    submit = new SubmitApplicationUseCase(uow, catalog, signal);
    resubmit = new StartResubmissionUseCase(uow, catalog, new SystemClock());
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabases(prefix);
  });

  it('register → upload → submit leaves the version in the dispatch outbox, in one commit', async () => {
    const { application, replayed } = await register.execute(dto(), clerk);
    expect(replayed).toBe(false);
    expect(application.state).toBe(S.DRAFT);
    const { applyNo } = application;
    // the personal data is stored encrypted, read back in clear
    const [raw] = (await ds.query('SELECT applicant_id_no AS idNo FROM application WHERE apply_no = ?', [applyNo])) as { idNo: string }[];
    expect(FieldCipher.isEncrypted(raw.idNo)).toBe(true);
    expect((await uow.autocommit.get(ApplicationRepository).getOrFail(applyNo)).applicantIdNo).toBe(DEFAULT_ID_NO);

    await upload.execute(applyNo, 'QUERY_FORM', pdf('申请表'), clerk);
    // one material missing: refused, and nothing of the submission is left behind
    const incomplete = await refusal(submit.execute(applyNo, clerk));
    expect(incomplete.code).toBe(ReturnCode.MATERIALS_INCOMPLETE);
    expect(await appRow(applyNo)).toMatchObject({ state: S.DRAFT });
    expect(await outbox(applyNo)).toEqual([]);

    await upload.execute(applyNo, 'ID_CARD', pdf('身份证'), clerk);
    expect(await submit.execute(applyNo, clerk)).toEqual({ applyNo, state: S.SUBMITTED, currentVersion: 1 });
    expect(await appRow(applyNo)).toMatchObject({ state: S.SUBMITTED });
    const rows = await outbox(applyNo);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deptCode: 'PSB', state: 'PENDING' });
    expect(Number(rows[0].version)).toBe(1);
    expect(Number(rows[0].attempts)).toBe(0);
    const [ver] = (await ds.query('SELECT submitted_by AS by_ FROM application_version WHERE apply_no = ? AND version = 1', [applyNo])) as { by_: string }[];
    expect(ver.by_).toBe('clerk01');
  });

  it('refuses what the state machine does not allow, with the answers of the clerk API', async () => {
    const {
      application: { applyNo },
    } = await register.execute(dto(), clerk);
    const early = await refusal(resubmit.execute(applyNo, undefined, clerk));
    expect(early.code).toBe(ReturnCode.CONFLICT);
    expect(early.message).toContain('状态为 DRAFT，无需补正补齐');
    await upload.execute(applyNo, 'QUERY_FORM', pdf('a'), clerk);
    await upload.execute(applyNo, 'ID_CARD', pdf('b'), clerk);
    await submit.execute(applyNo, clerk);

    const twice = await refusal(submit.execute(applyNo, clerk));
    expect(twice.code).toBe(ReturnCode.CONFLICT);
    expect(twice.message).toContain('状态为 SUBMITTED，不能提交');
    const late = await refusal(upload.execute(applyNo, 'ID_CARD', pdf('c'), clerk));
    expect(late.code).toBe(ReturnCode.CONFLICT);
    expect(late.message).toContain('状态为 SUBMITTED，不能上传材料');
    expect(await outbox(applyNo)).toHaveLength(1);
    // a repository asks the machine before any SQL: an illegal change never reaches the table
    const direct = await refusal(uow.run((tx) => tx.get(ApplicationRepository).markSubmitted(applyNo, S.SUBMITTED)));
    expect(direct.code).toBe(ReturnCode.CONFLICT);
    expect((await refusal(resubmit.execute('410404-20000101-000000', undefined, clerk))).code).toBe(ReturnCode.NOT_FOUND);
  });

  it('claims, dispatches, and after 补正补齐 carries the materials into version 2', async () => {
    const {
      application: { applyNo },
    } = await register.execute(dto(), clerk);
    await upload.execute(applyNo, 'QUERY_FORM', pdf('a'), clerk);
    await upload.execute(applyNo, 'ID_CARD', pdf('b'), clerk);
    await submit.execute(applyNo, clerk);

    // every due row of this suite's DB is claimed once, with its lease; a second claim sees none of them
    const claimed = await uow.run((tx) => tx.get(DispatchOutboxRepository).claimDue(500, 30_000));
    const mine = claimed.find((c) => c.applyNo === applyNo);
    expect(mine).toMatchObject({ version: 1, state: 'PENDING', attempts: 1 });
    expect(await uow.run((tx) => tx.get(DispatchOutboxRepository).claimDue(500, 30_000))).toEqual([]);

    await uow.run(async (tx) => {
      await tx.get(DispatchOutboxRepository).markNotified([mine!.id], new Date());
      await tx.get(ApplicationRepository).markDispatched([mine!.id]);
    });
    expect(await appRow(applyNo)).toMatchObject({ state: S.DISPATCHED });
    expect((await outbox(applyNo))[0].state).toBe('NOTIFIED');

    // the department asks for 补正补齐 (the callback path's batch UPDATE), then the clerk opens version 2
    await uow.run((tx) =>
      tx
        .get(ApplicationRepository)
        .applyCallbackPatches(new Map([[applyNo, { state: applicationMachine.next(S.DISPATCHED, ApplicationEvent.REQUIRE_SUPPLEMENT) }]])),
    );
    const reopened = await resubmit.execute(applyNo, undefined, clerk);
    expect(reopened).toMatchObject({ state: S.DRAFT, currentVersion: 2 });
    await upload.execute(applyNo, 'ID_CARD', pdf('新身份证'), clerk);
    expect(await submit.execute(applyNo, clerk)).toEqual({ applyNo, state: S.SUBMITTED, currentVersion: 2 });
    const materials = (await ds.query(
      'SELECT material_code AS code, carried_from_version AS carried FROM application_material WHERE apply_no = ? AND version = 2 ORDER BY material_code',
      [applyNo],
    )) as { code: string; carried: number | null }[];
    expect(materials.map((m) => [m.code, m.carried === null ? null : Number(m.carried)])).toEqual([
      ['ID_CARD', null],
      ['QUERY_FORM', 1],
    ]);
    expect((await outbox(applyNo)).map((r) => [Number(r.version), r.state])).toEqual([
      [1, 'NOTIFIED'],
      [2, 'PENDING'],
    ]);
  });

  it('replays a registration with the same Idempotency-Key and expires abandoned drafts only', async () => {
    const first = await register.execute(dto(), clerk, 'medium-key-1');
    const again = await register.execute(dto(), clerk, 'medium-key-1');
    expect(again).toMatchObject({ replayed: true, application: { applyNo: first.application.applyNo } });
    await ds.query('UPDATE application SET updated_at = NOW(3) - INTERVAL 100 HOUR WHERE apply_no = ?', [first.application.applyNo]);
    await ds.query('UPDATE application_version SET created_at = NOW(3) - INTERVAL 100 HOUR WHERE apply_no = ?', [first.application.applyNo]);
    const expired = await uow.run(async (tx) => {
      const ids = await tx.get(ApplicationRepository).lockExpirableDrafts(72, 500);
      if (ids.length > 0) await tx.get(ApplicationRepository).expire(ids, '测试作废');
      return ids;
    });
    expect(expired).toEqual([first.application.applyNo]);
    expect(await appRow(first.application.applyNo)).toMatchObject({ state: S.EXPIRED });
  });
});
