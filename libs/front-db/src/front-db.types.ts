import { CallbackStage, ConcludeOutcome, Stage } from '@app/exchange-contract';

export interface MaterialFile {
  materialCode: string;
  materialName: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sm3: string;
  content: Buffer;
}

export interface AcceptanceRecord {
  applyNo: string;
  version: number;
  itemCode: string;
  itemName: string;
  deptCode: string;
  applicantType: 'PERSON' | 'ORG';
  applicantName: string;
  applicantIdNo: string;
  applicantPhone: string;
  formData: Record<string, unknown>;
  acceptedBy: string;
  acceptedAt: Date;
  correlationId: string;
  materials: MaterialFile[];
  /** contract version 2: PICKUP 现场领取 / EXPRESS 证照快递; null from a version-1 front DB */
  deliveryMethod?: 'PICKUP' | 'EXPRESS' | null;
  /** contract version 2, with EXPRESS: where the department mails the result */
  deliveryAddress?: DeliveryAddress | null;
}

export interface DeliveryAddress {
  recipient: string;
  phone: string;
  address: string;
  postcode: string;
}

export interface CallbackFile {
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sm3: string;
  content: Buffer;
}

export interface CallbackRecord {
  id?: number;
  applyNo: string;
  version: number;
  stage: CallbackStage;
  outcome: ConcludeOutcome | null;
  opinion: string;
  detail: Record<string, unknown>;
  handledBy: string;
  handledAt: Date;
  correlationId: string;
  writtenAt?: Date;
  /** set by the reader when the stored detail is not a JSON object (detail is then {}) */
  detailProblem?: string;
}

export type TakeOutcome = 'APPLIED' | 'STALE' | 'REJECTED';

export interface ShadowRow {
  id: number;
  applyNo: string;
  version: number;
  stage: Stage;
  event: 'WRITTEN' | 'TAKEN';
  fetchedAt: Date;
  operator: string;
  party: string;
  outcome: TakeOutcome | null;
  note: string | null;
  correlationId: string;
}

/**
 * What a reader's handler decides for one record inside the take transaction; `code` is the
 * return code to answer for it when the outcome alone does not say (e.g. a REJECTED record that
 * breaks the contract).
 */
export type TakeDecision = { outcome: TakeOutcome; note?: string; code?: string } | { defer: true; note: string };

export type TakeResult =
  | { status: 'taken'; outcome: TakeOutcome; note?: string; code?: string }
  | { status: 'already-taken' }
  | { status: 'busy' } // another worker holds the record right now
  | { status: 'deferred'; note: string }
  | { status: 'missing' }
  | { status: 'failed'; error: string }; // the record could not be taken now (its batch-mates were)
