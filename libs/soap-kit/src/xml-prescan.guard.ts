/**
 * Cheap structural pre-scan run on every request body BEFORE node-soap parses it.
 *
 * - Any DTD (`<!DOCTYPE` / `<!ENTITY`, any case, anywhere — also inside CDATA/comments) is refused:
 *   SOAP forbids DTDs, and refusing them kills XXE and entity-expansion bombs outright.
 * - Element/attribute names and `id` / `href` / `type` attribute values that name an
 *   Object.prototype member are refused. node-soap 1.x keeps multiRef ids in a plain object
 *   (`refs[attrs.id]`), so `id="__proto__"` writes to Object.prototype and breaks every later request
 *   in the process unless node runs with --disable-proto=delete; `id="constructor"` writes onto the
 *   global `Object` even with that flag. Values are entity-decoded first (sax decodes `&#95;` too).
 */
export type PrescanResult = { ok: true } | { ok: false; reason: 'dtd' | 'forbidden-name' | 'malformed' };

const FORBIDDEN_NAMES = new Set([
  '__proto__',
  'prototype',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const REF_ATTRS = new Set(['id', 'href', 'type']);
const DTD_RE = /<!\s*(?:doctype|entity)/i;
const NAME_RE = /[^\s/>=<'"]+/y;
const WS_CHARS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const MAX_CDATA_NESTING = 4;

class Malformed extends Error {}
class Forbidden extends Error {}

export function prescanXml(xml: string): PrescanResult {
  if (DTD_RE.test(xml)) return { ok: false, reason: 'dtd' };
  try {
    scan(xml, 0);
    return { ok: true };
  } catch (err) {
    if (err instanceof Forbidden) return { ok: false, reason: 'forbidden-name' };
    if (err instanceof Malformed) return { ok: false, reason: 'malformed' };
    throw err;
  }
}

function localName(qname: string): string {
  const i = qname.lastIndexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function checkName(qname: string): void {
  if (FORBIDDEN_NAMES.has(qname) || FORBIDDEN_NAMES.has(localName(qname))) throw new Forbidden();
}

function checkRefValue(attrLocalName: string, value: string): void {
  // node-soap: refs[attrs.id], refs[attrs.href.substr(1)], schema lookups by the xsi:type local name.
  const candidate = attrLocalName === 'href' ? value.slice(1) : attrLocalName === 'type' ? localName(value) : value;
  if (FORBIDDEN_NAMES.has(value) || FORBIDDEN_NAMES.has(candidate)) throw new Forbidden();
}

const ENTITY_RE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(ENTITY_RE, (whole, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named];
    const cp = hex ? parseInt(hex, 16) : parseInt(dec as string, 10);
    return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

function readName(xml: string, pos: number): { name: string; end: number } {
  NAME_RE.lastIndex = pos;
  const m = NAME_RE.exec(xml);
  if (!m) throw new Malformed();
  return { name: m[0], end: pos + m[0].length };
}

function skipWs(xml: string, pos: number): number {
  while (pos < xml.length && WS_CHARS.has(xml.charCodeAt(pos))) pos++;
  return pos;
}

function indexAfter(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  if (at < 0) throw new Malformed();
  return at + token.length;
}

function scan(xml: string, depth: number): void {
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt)) {
      i = indexAfter(xml, '-->', lt + 4);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = indexAfter(xml, ']]>', lt + 9);
      const content = xml.slice(lt + 9, end - 3);
      if (content.includes('<')) {
        // node-soap re-parses CDATA that contains an XML declaration as a nested document.
        if (depth >= MAX_CDATA_NESTING) throw new Malformed();
        scan(content, depth + 1);
      }
      i = end;
    } else if (xml.startsWith('<?', lt)) {
      i = indexAfter(xml, '?>', lt + 2);
    } else if (xml.startsWith('<!', lt)) {
      throw new Malformed();
    } else if (xml.startsWith('</', lt)) {
      const { name, end } = readName(xml, lt + 2);
      checkName(name);
      i = indexAfter(xml, '>', end);
    } else {
      i = scanStartTag(xml, lt + 1);
    }
  }
}

/** Returns the index just after the tag's closing `>`. */
function scanStartTag(xml: string, pos: number): number {
  const tag = readName(xml, pos);
  checkName(tag.name);
  pos = tag.end;
  for (;;) {
    pos = skipWs(xml, pos);
    if (xml.startsWith('/>', pos)) return pos + 2;
    if (xml[pos] === '>') return pos + 1;
    if (pos >= xml.length) throw new Malformed();
    const attr = readName(xml, pos);
    checkName(attr.name);
    pos = skipWs(xml, attr.end);
    if (xml[pos] !== '=') throw new Malformed();
    pos = skipWs(xml, pos + 1);
    const quote = xml[pos];
    if (quote !== '"' && quote !== "'") throw new Malformed();
    const close = xml.indexOf(quote, pos + 1);
    if (close < 0) throw new Malformed();
    const local = localName(attr.name);
    if (REF_ATTRS.has(local)) checkRefValue(local, decodeEntities(xml.slice(pos + 1, close)));
    pos = close + 1;
  }
}
