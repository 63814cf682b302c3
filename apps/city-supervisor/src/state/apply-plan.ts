import { ReportItem, ReportMode } from '@app/ops-contract';

/** What the city already holds for one item key. */
export interface ExistingState {
  /** ordering value of the stored row (e.g. its updatedAt in ms); a report item older than it is stale */
  version: number;
  removed: boolean;
}

export interface ApplyRules {
  keyOf(item: ReportItem): string;
  versionOf(item: ReportItem): number;
  /** only inventory categories (resources, sub-resources) lose rows that a FULL report leaves out */
  removable: boolean;
}

export interface ApplyPlan {
  /** items to upsert, one per key (the newest of the report) */
  write: ReportItem[];
  /** keys to mark removed */
  remove: string[];
  /** items not written because the city holds newer data for their key */
  stale: number;
}

/**
 * Decides what a report changes in the current-state tables.
 * - Within one report, the newest item of a key wins (the later one on a tie).
 * - An item is written unless the stored row is strictly newer (a delayed report cannot roll state back;
 *   an identical re-send is harmless).
 * - FULL report of an inventory category: every stored, not yet removed row that the report leaves out
 *   is marked removed — unless the row is newer than the report was generated (it changed after the snapshot).
 */
export function planApply(
  items: readonly ReportItem[],
  existing: ReadonlyMap<string, ExistingState>,
  mode: ReportMode,
  generatedAtMs: number,
  rules: ApplyRules,
): ApplyPlan {
  const newest = new Map<string, ReportItem>();
  for (const item of items) {
    const key = rules.keyOf(item);
    const seen = newest.get(key);
    if (!seen || rules.versionOf(item) >= rules.versionOf(seen)) newest.set(key, item);
  }
  const write: ReportItem[] = [];
  let stale = items.length - newest.size;
  for (const [key, item] of newest) {
    const stored = existing.get(key);
    if (stored && stored.version > rules.versionOf(item)) stale++;
    else write.push(item);
  }
  const remove: string[] = [];
  if (mode === ReportMode.FULL && rules.removable) {
    for (const [key, stored] of existing) {
      if (!newest.has(key) && !stored.removed && stored.version <= generatedAtMs) remove.push(key);
    }
  }
  return { write, remove, stale };
}
