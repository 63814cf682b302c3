import { checkMaterialFile, detectMaterialFileType, materialFileName } from './material-file-type';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const zip = (entry: string) =>
  Buffer.concat([
    Buffer.from('PK\x03\x04', 'latin1'),
    Buffer.alloc(22),
    Buffer.from([entry.length, 0, 0, 0]),
    Buffer.from(entry, 'latin1'),
    Buffer.from('<ofd:OFD/>'),
  ]);

describe('material file types (by content)', () => {
  it('recognises PDF, PNG, JPEG and OFD by their magic bytes', () => {
    expect(detectMaterialFileType(PDF)).toBe('pdf');
    expect(detectMaterialFileType(Buffer.concat([Buffer.from('\ufeff  \r\n'), PDF]))).toBe('pdf');
    expect(detectMaterialFileType(PNG)).toBe('png');
    expect(detectMaterialFileType(JPG)).toBe('jpg');
    expect(detectMaterialFileType(zip('OFD.xml'))).toBe('ofd');
  });

  it('recognises nothing else: text, HTML, a ZIP that is not OFD (e.g. .docx), an executable, too-short files', () => {
    for (const b of [
      Buffer.from('plain text 布局图'),
      Buffer.from('<html><body>%PDF-1.4</body></html>'),
      zip('[Content_Types].xml'),
      Buffer.from('MZ\x90\x00', 'latin1'),
      Buffer.from([0xff, 0xd8]),
      Buffer.alloc(0),
    ]) {
      expect(detectMaterialFileType(b)).toBeUndefined();
    }
  });

  it('accepts the default four types and stores the detected MIME type', () => {
    expect(checkMaterialFile(PDF)).toEqual({ ok: true, type: 'pdf', mimeType: 'application/pdf' });
    expect(checkMaterialFile(zip('OFD.xml'))).toEqual({ ok: true, type: 'ofd', mimeType: 'application/ofd' });
    expect(checkMaterialFile(JPG)).toMatchObject({ ok: true, mimeType: 'image/jpeg' });
    expect(checkMaterialFile(PNG)).toMatchObject({ ok: true, mimeType: 'image/png' });
  });

  it('refuses other content, and a type the material does not accept, in Chinese', () => {
    expect(checkMaterialFile(Buffer.from('hello'))).toEqual({ ok: false, reason: '仅接受 PDF、OFD、JPG、PNG 文件（按文件内容识别），该文件不是其中任何一种' });
    expect(checkMaterialFile(PNG, ['pdf', 'ofd'])).toEqual({ ok: false, reason: '该材料仅接受 PDF、OFD 文件，收到的是 PNG 文件' });
    expect(checkMaterialFile(PDF, ['pdf'])).toMatchObject({ ok: true });
  });

  it('stores the last path segment of the name, without control characters, at most 200 characters', () => {
    expect(materialFileName('布局图.pdf', 'LAYOUT', 'pdf')).toBe('布局图.pdf');
    expect(materialFileName('C:\\fakepath\\营业执照.png', 'BIZ_LICENSE', 'png')).toBe('营业执照.png');
    expect(materialFileName('../../etc/passwd\u0000.pdf', 'X', 'pdf')).toBe('passwd.pdf');
    expect(materialFileName('', 'APPLY_FORM', 'ofd')).toBe('APPLY_FORM.ofd');
    expect([...materialFileName(`${'图'.repeat(300)}.pdf`, 'X', 'pdf')].length).toBe(200);
  });
});
