import { maskIdNo, maskPhone } from './mask';

/**
 * The rule set of personal data in what the apps keep about a request (the audit log, the JSON
 * logs): which field names hold what, and how each is masked (docs/security.md, "Audit log").
 * A field is judged by its name (the DTOs of the three apps, the items' form fields), and every
 * string, whatever its name, is searched for ID and mobile numbers as a safety net.
 */
export type PersonalKind = 'secret' | 'idNo' | 'phone' | 'email' | 'address' | 'personName' | 'sensitive';

/** Passwords, tokens, keys, credentials: never kept, not even masked. */
const SECRET = /pass(word|phrase)?|secret|token|credential|privateKey|apiKey|accessKey|Pem$|^pem$/i;
/** 身份证号 / 统一社会信用代码 / other certificate numbers, bank accounts and cards: masked like an ID number (ends kept) */
const ID_NO =
  /(^|[a-z])(IdNo|IDNo|IdCard|CreditCode|CertNo|PassportNo|AccountNo|BankAccount|CardNo)$|^(idNo|idCard|creditCode|certNo|passportNo|accountNo|bankAccount|cardNo)$/;
/** phone numbers: mobile, landline, fax, a callee of the voice gateway */
const PHONE = /phone|mobile|(^|[a-z])(Tel|Fax)$|^(tel|fax|callee|msisdn)$/i;
const EMAIL = /e-?mail/i;
/** postal addresses (收件地址, 户籍地址, …); an object of that name (deliveryAddress) is judged field by field */
const ADDRESS = /address$|^(addr|domicile|residence|location|premises|houseNo)$/i;
/**
 * Names of natural persons outside the platform's staff (applicants, collectors, recipients, the
 * persons of a form; `applicant`, the search filter, holds a name or an ID number: masked either way). Staff names (an account's displayName, an on-call person, a work order's
 * contacts) are what an auditor reads to know who is who, and are kept.
 */
const PERSON_NAME =
  /^(applicant|collector|recipient|legalRep|buyer|seller|mover|relative|mortgagor|holder|agent|guardian|spouse|owner|insured|patient|student|contact)Name$|^(recipient|applicant)$|Officer$/;
/** what an auditor never needs of a person: income, marital status */
const SENSITIVE = /income|salary|marital/i;

/** The kind of personal data a field of this name holds, or null for a field that holds none. */
export function personalKindOf(key: string): PersonalKind | null {
  if (SECRET.test(key)) return 'secret';
  if (ID_NO.test(key)) return 'idNo';
  if (PHONE.test(key)) return 'phone';
  if (EMAIL.test(key)) return 'email';
  if (ADDRESS.test(key)) return 'address';
  if (PERSON_NAME.test(key)) return 'personName';
  if (SENSITIVE.test(key)) return 'sensitive';
  return null;
}

/** A name keeps its first character (张** / 平**********). */
export function maskPersonName(v: string): string {
  const chars = [...v];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** An address keeps its first 6 characters (province, city, district), never the street and number. */
export function maskAddress(v: string): string {
  if (v.endsWith('***')) return v; // masked already
  const chars = [...v];
  return `${chars.slice(0, Math.min(6, Math.max(chars.length - 4, 0))).join('')}***`;
}

/** An e-mail address keeps the first character of the mailbox and the domain. */
export function maskEmail(v: string): string {
  const at = v.lastIndexOf('@');
  return at > 0 ? `${v[0]}***${v.slice(at)}` : '***';
}

export function maskAs(kind: PersonalKind, v: string): string {
  switch (kind) {
    case 'secret':
    case 'sensitive':
      return '***';
    case 'idNo':
      return maskIdNo(v) ?? '';
    case 'phone':
      return maskPhone(v) ?? '';
    case 'email':
      return maskEmail(v);
    case 'address':
      return maskAddress(v);
    case 'personName':
      return maskPersonName(v);
  }
}

// the safety net: numbers that are personal whatever field holds them
const RESIDENT_ID = /(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])/g;
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9]{9}(?![0-9])/g;
const LANDLINE = /(?<![0-9])0[0-9]{2,3}-[0-9]{7,8}(?![0-9])/g;

/** Masks every ID number, credit code and phone number inside a free text. */
export function maskNumbersInText(text: string): string {
  return text
    .replace(RESIDENT_ID, (m) => maskIdNo(m) ?? '')
    .replace(CREDIT_CODE, (m) => maskIdNo(m) ?? '')
    .replace(MOBILE, (m) => maskPhone(m) ?? '')
    .replace(LANDLINE, (m) => maskPhone(m) ?? '');
}

/**
 * A copy of a value with personal data masked: fields by their name (personalKindOf), every other
 * string through maskNumbersInText. Objects and arrays are walked to any depth (cycles cut);
 * numbers, booleans, null and dates are kept.
 */
export function redactPersonalData(value: unknown, key?: string, seen: WeakSet<object> = new WeakSet()): unknown {
  const kind = key === undefined ? null : personalKindOf(key);
  if (value === null || value === undefined) return value;
  if (kind === 'secret' || kind === 'sensitive') return '***';
  if (typeof value === 'string') return kind ? maskAs(kind, value) : maskNumbersInText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return kind && kind !== 'personName' ? maskAs(kind, String(value)) : value;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, key, seen));
  if (value instanceof Error) return { name: value.name, message: maskNumbersInText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactPersonalData(v, k, seen);
  return out;
}
