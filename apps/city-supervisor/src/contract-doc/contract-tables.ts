import { RETURN_CODES, ReturnCode } from '@app/common';
import {
  CATEGORY_LABELS,
  DOWNLINK_FRONT_DB_DDL,
  FieldRule,
  ITEM_KEY,
  ITEM_SCHEMAS,
  REPORT_CATEGORIES,
  ReportCategory,
  RESOURCE_CLASS_LABELS,
  SECURE_MESSAGE_PARAMS,
  WORK_ORDER_STATUS_LABELS,
} from '@app/ops-contract';

/**
 * The tables of docs/ops-report-contract.md that restate code: item fields per category, the
 * refusal codes, the downlink DDL. A unit test checks the document contains exactly these, so
 * the contract a third party reads cannot drift from what the city enforces.
 */
const VALUE_LABELS: Record<string, string> = { ...RESOURCE_CLASS_LABELS, ...WORK_ORDER_STATUS_LABELS };

function ruleText(rule: FieldRule): string {
  const len = rule.maxLength !== undefined ? `, ≤ ${rule.maxLength} chars` : '';
  switch (rule.type) {
    case 'string':
      return `text${len}`;
    case 'datetime':
      return 'ISO 8601 with a zone offset, e.g. `2026-11-22T10:00:00.000+08:00`';
    case 'ip':
      return 'IPv4 (dotted) or IPv6';
    case 'url':
      return `\`http://\` or \`https://\` URL${len}`;
    case 'phone':
      return `5–32 of \`0-9 + - ( )\` and space`;
    case 'enum':
      return (rule.values ?? []).map((v) => (VALUE_LABELS[v] ? `\`${v}\` ${VALUE_LABELS[v]}` : `\`${v}\``)).join(', ');
    case 'integer':
    case 'number': {
      const kind = rule.type === 'integer' ? 'integer' : 'number';
      return rule.min !== undefined || rule.max !== undefined ? `${kind} ${rule.min ?? '-∞'}–${rule.max ?? '∞'}` : kind;
    }
    case 'boolean':
      return '`true` / `false`';
  }
}

/** The field table of one category, as it appears in the document. */
export function itemTable(category: ReportCategory): string {
  const rows = Object.entries(ITEM_SCHEMAS[category]).map(
    ([name, rule]) => `| \`${name}\` | ${rule.label} | ${rule.type} | ${rule.required ? 'yes' : 'no'} | ${ruleText(rule)} |`,
  );
  // samples are history: the city keeps each one once, by all four fields, not by one key
  const key =
    category === ReportCategory.PERFORMANCE ? 'one sample per `resourceId` + `subResourceId` + `metric` + `sampledAt`' : `key: \`${ITEM_KEY[category]}\``;
  return [`#### ${category} — ${CATEGORY_LABELS[category]} (${key})`, '', '| field | 名称 | type | required | rule |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

export function allItemTables(): string {
  return REPORT_CATEGORIES.map(itemTable).join('\n\n');
}

/** The receive order: each step and the code its refusal carries. */
export const RECEIVE_STEPS: readonly [string, readonly ReturnCode[]][] = [
  ['parameter present (接口参数校验)', [ReturnCode.MISSING_PARAMETER]],
  ['parameter type', [ReturnCode.BAD_PARAMETER_TYPE]],
  ['parameter format / enumeration', [ReturnCode.BAD_PARAMETER_FORMAT]],
  ['timestamp within ±MAX_CLOCK_SKEW_MS', [ReturnCode.TIMESTAMP_OUT_OF_WINDOW]],
  ['node registered', [ReturnCode.UNKNOWN_NODE]],
  ['SM2 signature (身份认证)', [ReturnCode.SIGNATURE_INVALID]],
  ['nonce not used before by this node', [ReturnCode.REPLAYED]],
  ['decryption', [ReturnCode.DECRYPTION_FAILED]],
  ['SM3 digest of the plaintext', [ReturnCode.DIGEST_MISMATCH]],
  ['message present (报文校验); also after step 12: a FULL `RESOURCE` or `NODE_INFO` report without items', [ReturnCode.MESSAGE_EMPTY]],
  ['message well-formed', [ReturnCode.MESSAGE_MALFORMED]],
  ['message header = signed parameters', [ReturnCode.CATEGORY_MISMATCH]],
  ['no unknown top-level field; items valid (at most 20 violations listed in `details.violations`)', [ReturnCode.MESSAGE_INVALID]],
  ["city rule: every `NODE_INFO` item carries the sender's own `nodeCode`", [ReturnCode.CATEGORY_MISMATCH]],
  ['stored (new messageId) / stored earlier', [ReturnCode.OK, ReturnCode.DUPLICATE]],
];

export function receiveTable(): string {
  const rows = RECEIVE_STEPS.flatMap(([step, codes], i) =>
    codes.map((c) => `| ${i + 1} | ${step} | ${c} | ${RETURN_CODES[c].message} | ${RETURN_CODES[c].httpStatus} |`),
  );
  return ['| step | check | code | message | HTTP |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The SecureMessage parameters and their rules, in the order they are checked. */
export function paramsTable(): string {
  const rows = Object.entries(SECURE_MESSAGE_PARAMS).map(([field, r]) => {
    const rule = [
      r.values ? r.values.map((v) => `\`${v}\``).join(' / ') : '',
      r.pattern ? `\`${r.pattern.source.replace(/\|/g, '\\|')}\`` : '',
      r.maxLength !== undefined ? `≤ ${r.maxLength} chars` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `| \`${field}\` | ${r.required ? 'yes' : 'no'} | ${rule} |`;
  });
  return ['| parameter | required | rule |', '|---|---|---|', ...rows].join('\n');
}

export function downlinkDdl(): string {
  return ['```sql', ...DOWNLINK_FRONT_DB_DDL.map((s) => `${s};`), '```'].join('\n');
}
