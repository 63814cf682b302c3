import { Stage } from '@app/exchange-contract';
import { parseCallbackDetail } from './callback-detail';
import { AcceptanceRecord, CallbackRecord } from './front-db.types';

// Row shapes and keys shared by the writer, reader, scan and take parts of FrontDbClient.

export type Row = Record<string, unknown>;

export interface RecordKey {
  applyNo: string;
  version: number;
  stage: Stage;
}

export interface TakeWho {
  party: string;
  operator: string;
  correlationId: string;
}

export const keyId = (k: RecordKey): string => `${k.applyNo}#${k.version}#${k.stage}`;

/** Whether every key asked for is among the rows locked (then those rows are also all that matters of what is present). */
export function coversAll(locked: RecordKey[], keys: RecordKey[]): boolean {
  const ids = new Set(locked.map(keyId));
  return keys.every((k) => ids.has(keyId(k)));
}

function parseJson(v: unknown): Record<string, unknown> {
  return typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v as Record<string, unknown>) ?? {});
}

export function toAcceptance(r: Row, mats: Row[]): AcceptanceRecord {
  return {
    applyNo: String(r.apply_no),
    version: Number(r.version),
    itemCode: String(r.item_code),
    itemName: String(r.item_name),
    deptCode: String(r.dept_code),
    applicantType: r.applicant_type as 'PERSON' | 'ORG',
    applicantName: String(r.applicant_name),
    applicantIdNo: String(r.applicant_id_no),
    applicantPhone: String(r.applicant_phone),
    formData: parseJson(r.form_data),
    acceptedBy: String(r.accepted_by),
    acceptedAt: r.accepted_at as Date,
    correlationId: String(r.correlation_id),
    // contract version 2 (absent, hence null, in a version-1 front DB)
    deliveryMethod: (r.delivery_method as 'PICKUP' | 'EXPRESS' | null | undefined) ?? null,
    deliveryAddress:
      r.delivery_recipient !== null && r.delivery_recipient !== undefined
        ? {
            recipient: String(r.delivery_recipient),
            phone: String(r.delivery_phone ?? ''),
            address: String(r.delivery_address ?? ''),
            postcode: String(r.delivery_postcode ?? ''),
          }
        : null,
    materials: mats.map((m) => ({
      materialCode: String(m.material_code),
      materialName: String(m.material_name),
      fileName: String(m.file_name),
      mimeType: String(m.mime_type),
      sizeBytes: Number(m.size_bytes),
      sm3: String(m.sm3),
      content: m.content as Buffer,
    })),
  };
}

export function toCallback(r: Row): CallbackRecord {
  const { detail, problem } = parseCallbackDetail(r.detail);
  return {
    id: Number(r.id),
    applyNo: String(r.apply_no),
    version: Number(r.version),
    stage: r.stage as CallbackRecord['stage'],
    outcome: (r.outcome as CallbackRecord['outcome']) ?? null,
    opinion: String(r.opinion),
    detail,
    handledBy: String(r.handled_by),
    handledAt: r.handled_at as Date,
    correlationId: String(r.correlation_id),
    writtenAt: r.written_at as Date,
    ...(problem ? { detailProblem: problem } : {}),
  };
}

export interface ShadowInsert {
  applyNo: string;
  version: number;
  stage: Stage;
  event: 'WRITTEN' | 'TAKEN';
  operator: string;
  party: string;
  outcome?: string | null;
  note?: string | null;
  correlationId: string;
}
