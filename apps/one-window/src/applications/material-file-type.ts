/** File types a digitised material (材料电子化) may have; each is recognised by its content. */
export type MaterialFileType = 'pdf' | 'ofd' | 'jpg' | 'png';

/** Every material accepts these unless its catalog entry names its own list (RequiredMaterial.fileTypes). */
export const DEFAULT_MATERIAL_FILE_TYPES: readonly MaterialFileType[] = ['pdf', 'ofd', 'jpg', 'png'];

export const MATERIAL_MIME: Record<MaterialFileType, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  png: 'image/png',
};

const LABEL: Record<MaterialFileType, string> = { pdf: 'PDF', ofd: 'OFD', jpg: 'JPG', png: 'PNG' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const PDF = Buffer.from('%PDF-', 'latin1');
const OFD_ROOT = Buffer.from('OFD.xml', 'latin1');

/**
 * The type the content really is, from its magic bytes (the declared MIME type and the file
 * name are the sender's word only): PDF `%PDF-` at the start (after a BOM or whitespace),
 * PNG's 8-byte signature, JPEG `FF D8 FF`, OFD a ZIP (`PK\x03\x04`) holding the `OFD.xml`
 * root entry (entry names are stored uncompressed, GB/T 33190).
 */
export function detectMaterialFileType(content: Buffer): MaterialFileType | undefined {
  if (content.subarray(0, 8).equals(PNG)) return 'png';
  if (content.subarray(0, 3).equals(JPEG)) return 'jpg';
  if (content.subarray(0, 4).equals(ZIP)) return content.includes(OFD_ROOT) ? 'ofd' : undefined;
  if (content.subarray(leadingBlank(content), leadingBlank(content) + PDF.length).equals(PDF)) return 'pdf';
  return undefined;
}

/** Bytes of a UTF-8 BOM and whitespace before the first character (at most 1024). */
function leadingBlank(b: Buffer): number {
  let i = b.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  while (i < Math.min(b.length, 1024) && [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x00].includes(b[i])) i++;
  return i;
}

export type MaterialFileVerdict = { ok: true; type: MaterialFileType; mimeType: string } | { ok: false; reason: string };

/** Whether a material's content is of a type the material accepts; the MIME type stored is the detected one. */
export function checkMaterialFile(content: Buffer, allowed: readonly MaterialFileType[] = DEFAULT_MATERIAL_FILE_TYPES): MaterialFileVerdict {
  const type = detectMaterialFileType(content);
  const list = allowed.map((t) => LABEL[t]).join('、');
  if (!type) return { ok: false, reason: `仅接受 ${list} 文件（按文件内容识别），该文件不是其中任何一种` };
  if (!allowed.includes(type)) return { ok: false, reason: `该材料仅接受 ${list} 文件，收到的是 ${LABEL[type]} 文件` };
  return { ok: true, type, mimeType: MATERIAL_MIME[type] };
}

/**
 * The name to store: the last path segment (a browser may send C:\\fakepath\\…, a tool
 * ../../x), without control characters, at most 200 characters; empty → <materialCode>.<type>.
 */
export function materialFileName(original: string, materialCode: string, type: MaterialFileType): string {
  // eslint-disable-next-line no-control-regex -- control characters have no place in a stored file name
  const base = (original.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(base || `${materialCode}.${type}`)].slice(0, 200).join('');
}
