import type { Schemas } from './api';

export interface FlaggedMaterial {
  code: string;
  reason: string;
}

/**
 * The materials the department flagged in its latest 补正补齐 request: the one on the current
 * version while it waits for the answer, or on the version before a resubmission draft.
 */
export function flaggedOf(app: Schemas['ApplicationDetailDto']): FlaggedMaterial[] {
  const v = app.state === 'SUPPLEMENT_REQUIRED' ? app.currentVersion : app.currentVersion - 1;
  const request = app.versions.find((x) => x.version === v)?.supplementRequest;
  return request?.materials ?? [];
}
