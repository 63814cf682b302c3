/** personal contact data shown only as much as a list needs: 138****5678, z***@example.cn, 0379****123 */
export function maskPhone(v: string | null | undefined): string {
  if (!v) return '—';
  if (v.includes('*')) return v; // masked by the server already
  const digits = v.replace(/\s/g, '');
  if (digits.length < 7) return `${digits.slice(0, 1)}****`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
export function maskEmail(v: string | null | undefined): string {
  if (!v) return '—';
  if (v.includes('*')) return v;
  const at = v.indexOf('@');
  if (at <= 0) return maskPhone(v);
  return `${v.slice(0, 1)}***${v.slice(at)}`;
}
/** a recipient of any channel: an address with @ is a mail, anything else a number */
export const maskRecipient = (v: string | null | undefined): string => (v && v.includes('@') ? maskEmail(v) : maskPhone(v));

/**
 * The contact data inside free text (a 系统日志 message names the address a notification went to):
 * mailboxes, mainland mobiles and fixed numbers masked as above.
 */
export function maskText(text: string): string {
  return text
    .replace(/([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, '$1***@$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<![\d-])(0\d{2,3}-)\d{3,4}(\d{3,4})(?![\d-])/g, '$1****$2');
}
