/**
 * Splits rows into groups whose summed size stays under a budget (a row larger than the
 * budget goes alone), so multi-row INSERTs of BLOBs never exceed the server's packet limit.
 */
export function chunkBySize<T>(rows: T[], sizeOf: (row: T) => number, budget: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    const s = sizeOf(row);
    if (current.length > 0 && size + s > budget) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += s;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Raw bytes per multi-row BLOB statement: mysql2 sends Buffers as hex, so the packet is ~2x this. */
export const BLOB_STATEMENT_BUDGET = 4 * 1024 * 1024;
