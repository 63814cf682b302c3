/**
 * Masking of personal data where the full value is not needed (lists, other windows' applications,
 * logs): an ID number keeps its first 4 and last 4 characters, a phone number its first 3 and last 4.
 */
export function maskIdNo(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  if (v.length <= 8) return `${v.slice(0, 1)}${'*'.repeat(Math.max(v.length - 2, 1))}${v.slice(-1)}`;
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

export function maskPhone(v: string | null | undefined): string | null {
  if (!v) return v ?? null;
  if (v.length < 7) return `${v.slice(0, 1)}${'*'.repeat(Math.max(v.length - 1, 1))}`;
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}
