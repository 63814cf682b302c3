import { createHash } from 'node:crypto';

/**
 * A deterministic draw in [0,1) for one decision about one application, so a run can be
 * replayed and a test can predict which applications the profile sends to 补正补齐.
 */
export function chance(applyNo: string, version: number, purpose: string): number {
  const h = createHash('sm3').update(`${applyNo}|${version}|${purpose}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}
