export type SoapVersion = '1.1' | '1.2';

export const SOAP11_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';

export const SOAP11_CONTENT_TYPE = 'text/xml; charset=utf-8';
export const SOAP12_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';

export function contentTypeFor(version: SoapVersion): string {
  return version === '1.2' ? SOAP12_CONTENT_TYPE : SOAP11_CONTENT_TYPE;
}

export interface ParsedContentType {
  /** false when the media type or charset is not acceptable for SOAP. */
  acceptable: boolean;
  /** Version implied by the media type, undefined when it must be sniffed from the envelope. */
  version?: SoapVersion;
}

/** text/xml → 1.1, application/soap+xml → 1.2, application/xml → sniff; charset must be absent or UTF-8. */
export function parseSoapContentType(header: string | undefined): ParsedContentType {
  if (!header) return { acceptable: false };
  const [rawType, ...params] = header.split(';');
  const mediaType = rawType.trim().toLowerCase();
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '')
      .toLowerCase();
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') {
      return { acceptable: false, version: mediaType === 'application/soap+xml' ? '1.2' : undefined };
    }
  }
  if (mediaType === 'application/soap+xml') return { acceptable: true, version: '1.2' };
  if (mediaType === 'text/xml') return { acceptable: true, version: '1.1' };
  if (mediaType === 'application/xml') return { acceptable: true };
  return { acceptable: false };
}

/** Fallback when the Content-Type does not say: look at the envelope namespace. */
export function sniffSoapVersion(xml: string): SoapVersion {
  return xml.includes(SOAP12_ENV_NS) && !xml.includes(SOAP11_ENV_NS) ? '1.2' : '1.1';
}

/** Best guess before the body is read (used for Faults about the body itself). */
export function versionFromHeader(header: string | undefined): SoapVersion {
  return (header ?? '').toLowerCase().includes('application/soap+xml') ? '1.2' : '1.1';
}
