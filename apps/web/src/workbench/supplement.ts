import type { Schemas } from './api';

export type FlaggedMaterial = Schemas['SupplementBlockDto']['materials'][number];

/**
 * The materials the department flagged in its latest 补正补齐 request, while it is open: the
 * application waits for the answer, or the answer is a draft not yet submitted.
 */
export function flaggedOf(app: Schemas['ApplicationDetailDto']): FlaggedMaterial[] {
  const s = app.supplement;
  if (!s || s.answered) return [];
  return s.materials;
}
