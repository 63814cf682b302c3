import { ValueTransformer } from 'typeorm';

/**
 * JSON kept in LONGTEXT: what departments send (opinions, supplement lists, results) has no
 * size the platform controls, and a TEXT column (64 KB) would make such a callback fail forever.
 */
export const jsonLongText: ValueTransformer = {
  to: (v: unknown) => (v === null || v === undefined ? v : JSON.stringify(v)),
  from: (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v),
};
