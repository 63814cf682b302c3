import { wireTimestamp } from '@app/ops-contract';

/** DB DATETIME (a Date) → the contract's ISO 8601 +08:00 form. */
export function toWire(d: Date): string {
  return wireTimestamp(d);
}

export function toWireOrUndefined(d: Date | null | undefined): string | undefined {
  return d ? wireTimestamp(d) : undefined;
}
