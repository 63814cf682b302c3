import { FIELD } from '../protocol/constants';
import { CmppEncodeError } from '../protocol/errors';
import { CmppClientOptions } from './client.types';

type Required2<T> = { [K in keyof T]-?: T[K] };
/** The client's options with every default filled in (logger and clock are kept apart). */
export type Settings = Required2<Omit<CmppClientOptions, 'logger' | 'now'>>;

export const TERMINAL_ID = /^\+?[0-9]{1,20}$/;

/** Fills in the defaults and refuses options the gateway would reject later, so a bad config fails at construction. */
export function resolveSettings(options: CmppClientOptions): Settings {
  const o = {
    serviceId: '',
    window: 16,
    responseTimeoutMs: 10_000,
    maxResends: 2,
    idleMs: 30_000,
    heartbeatMaxMisses: 3,
    connectTimeoutMs: 10_000,
    reconnectBaseMs: 500,
    reconnectMaxMs: 30_000,
    flowControlDelayMs: 1_000,
    maxFlowControlRetries: 30,
    maxSegments: 10,
    rememberKeys: 10_000,
    ...stripUndefined(options),
  } as Settings;
  if (o.spId.length < 1 || o.spId.length > FIELD.SOURCE_ADDR) throw new CmppEncodeError(`spId must be 1..${FIELD.SOURCE_ADDR} characters`);
  if (!TERMINAL_ID.test(o.srcId)) throw new CmppEncodeError('srcId must be digits (at most 21)');
  if (o.serviceId.length > FIELD.SERVICE_ID) throw new CmppEncodeError(`serviceId must be at most ${FIELD.SERVICE_ID} characters`);
  if (!Number.isInteger(o.window) || o.window < 1 || o.window > 1024) throw new RangeError('window must be 1..1024');
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
