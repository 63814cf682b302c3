/**
 * The front-end database (前置库) contract, version 1 (version 2 below adds the delivery columns).
 * A real department implements exactly these tables; docs/front-db.md publishes the same
 * statements (a unit test keeps the two identical). All times are Beijing time (UTC+8),
 * millisecond precision.
 *
 * Rule of the exchange: the writer of a record inserts it together with a WRITTEN
 * shadow row in one transaction; the reader inserts a TAKEN shadow row once it has
 * durably taken the record. A record without a TAKEN row is "never taken up" and is
 * found by the scans.
 */
export const FRONT_DB_DDL_V1: readonly string[] = [
  `CREATE TABLE ex_acceptance (
  apply_no        VARCHAR(32)  NOT NULL COMMENT '申报号',
  version         INT          NOT NULL COMMENT '版本号',
  item_code       VARCHAR(32)  NOT NULL COMMENT '事项编码',
  item_name       VARCHAR(200) NOT NULL COMMENT '事项名称',
  dept_code       VARCHAR(16)  NOT NULL COMMENT '办理部门',
  applicant_type  VARCHAR(8)   NOT NULL COMMENT 'PERSON 自然人 / ORG 法人',
  applicant_name  VARCHAR(100) NOT NULL COMMENT '申请人',
  applicant_id_no VARCHAR(32)  NOT NULL COMMENT '身份证号或统一社会信用代码',
  applicant_phone VARCHAR(20)  NOT NULL COMMENT '联系电话',
  form_data       LONGTEXT     NOT NULL COMMENT '申请表数据 JSON' CHECK (JSON_VALID(form_data)),
  accepted_by     VARCHAR(64)  NOT NULL COMMENT '受理人',
  accepted_at     DATETIME(3)  NOT NULL COMMENT '受理时间',
  correlation_id  VARCHAR(64)  NOT NULL,
  written_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (apply_no, version),
  KEY ix_acceptance_written (written_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='受理数据'`,
  `CREATE TABLE ex_acceptance_material (
  apply_no      VARCHAR(32)  NOT NULL COMMENT '申报号',
  version       INT          NOT NULL COMMENT '版本号',
  material_code VARCHAR(32)  NOT NULL COMMENT '材料编码',
  material_name VARCHAR(200) NOT NULL COMMENT '材料名称',
  file_name     VARCHAR(200) NOT NULL,
  mime_type     VARCHAR(100) NOT NULL,
  size_bytes    INT          NOT NULL,
  sm3           CHAR(64)     NOT NULL COMMENT 'SM3 摘要 (hex)',
  content       LONGBLOB     NOT NULL,
  PRIMARY KEY (apply_no, version, material_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='受理材料（电子化）'`,
  `CREATE TABLE ex_callback (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  apply_no       VARCHAR(32)  NOT NULL COMMENT '申报号',
  version        INT          NOT NULL COMMENT '版本号',
  stage          VARCHAR(16)  NOT NULL COMMENT 'SUPPLEMENT 补正补齐 / ACCEPT 受理 / CONCLUDE 办结',
  outcome        VARCHAR(16)  NULL     COMMENT 'CONCLUDE: APPROVED 准予 / REJECTED 不予',
  opinion        VARCHAR(1000) NOT NULL COMMENT '处理意见',
  detail         LONGTEXT     NOT NULL COMMENT 'SUPPLEMENT: 需补正材料; CONCLUDE: 结果信息 (JSON)' CHECK (JSON_VALID(detail)),
  handled_by     VARCHAR(64)  NOT NULL COMMENT '经办人',
  handled_at     DATETIME(3)  NOT NULL COMMENT '办理时间',
  correlation_id VARCHAR(64)  NOT NULL,
  written_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_callback (apply_no, version, stage),
  KEY ix_callback_written (written_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='回调数据（补正补齐/受理/办结）'`,
  `CREATE TABLE ex_callback_file (
  callback_id BIGINT       NOT NULL,
  file_name   VARCHAR(200) NOT NULL,
  mime_type   VARCHAR(100) NOT NULL,
  size_bytes  INT          NOT NULL,
  sm3         CHAR(64)     NOT NULL,
  content     LONGBLOB     NOT NULL,
  PRIMARY KEY (callback_id, file_name),
  CONSTRAINT fk_callback_file FOREIGN KEY (callback_id) REFERENCES ex_callback (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='回调文件（补正材料清单、结果文件）'`,
  `CREATE TABLE ex_shadow (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  apply_no       VARCHAR(32)  NOT NULL COMMENT '申报号',
  version        INT          NOT NULL COMMENT '版本号',
  stage          VARCHAR(16)  NOT NULL COMMENT 'ACCEPTANCE / SUPPLEMENT / ACCEPT / CONCLUDE',
  event          VARCHAR(8)   NOT NULL COMMENT 'WRITTEN 写入 / TAKEN 取用',
  fetched_at     DATETIME(3)  NOT NULL COMMENT '取值时间',
  operator       VARCHAR(64)  NOT NULL COMMENT '操作人',
  party          VARCHAR(16)  NOT NULL COMMENT 'PLATFORM or department code',
  outcome        VARCHAR(16)  NULL     COMMENT 'TAKEN: APPLIED / STALE / REJECTED',
  note           VARCHAR(255) NULL,
  correlation_id VARCHAR(64)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_shadow (apply_no, version, stage, event),
  KEY ix_shadow_fetched (fetched_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='影子表'`,
];

/** The contract version the platform writes when the front DB has its columns. */
export const FRONT_DB_CONTRACT_VERSION = 2;
export type FrontDbContractVersion = 1 | 2;

/**
 * Version 2: how the applicant receives the result, so the department that mails a certificate
 * knows where to. Additive and nullable: a version-1 department's INSERTs and SELECTs of its own
 * columns are unaffected, and the platform writes these only into a front DB that has them.
 */
const V2_COLUMNS = [
  "delivery_method    VARCHAR(8)   NULL     COMMENT 'v2: PICKUP 现场领取 / EXPRESS 证照快递'",
  "delivery_recipient VARCHAR(50)  NULL     COMMENT 'v2: 收件人 (EXPRESS)'",
  "delivery_phone     VARCHAR(20)  NULL     COMMENT 'v2: 收件人电话 (EXPRESS)'",
  "delivery_address   VARCHAR(200) NULL     COMMENT 'v2: 收件地址 (EXPRESS)'",
  "delivery_postcode  VARCHAR(6)   NULL     COMMENT 'v2: 邮政编码 (EXPRESS)'",
];

/** The names of the version-2 columns of ex_acceptance. */
export const FRONT_DB_V2_COLUMNS: readonly string[] = V2_COLUMNS.map((c) => c.split(' ')[0]);

/** A version-1 front DB becomes version 2 with this statement (published in docs/front-db.md). */
export const FRONT_DB_UPGRADE_V2: readonly string[] = [`ALTER TABLE ex_acceptance\n${V2_COLUMNS.map((c) => `  ADD COLUMN ${c}`).join(',\n')}`];

/** The tables of contract version 2, as a new front DB is created (the version-1 tables with the delivery columns last in ex_acceptance). */
export const FRONT_DB_DDL_V2: readonly string[] = FRONT_DB_DDL_V1.map((stmt) =>
  stmt.startsWith('CREATE TABLE ex_acceptance ')
    ? stmt.replace('  written_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n', (line) => `${line}${V2_COLUMNS.map((c) => `  ${c},\n`).join('')}`)
    : stmt,
);

/** The tables of a contract version. */
export function frontDbDdl(version: FrontDbContractVersion): readonly string[] {
  return version === 1 ? FRONT_DB_DDL_V1 : FRONT_DB_DDL_V2;
}
