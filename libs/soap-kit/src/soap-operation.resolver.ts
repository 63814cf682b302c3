/**
 * Which operation a request asks for, judged the way node-soap picks it (SOAPAction header
 * first, else the first element of the Body), so that a call for an operation the WSDL does
 * not offer is answered 1008 instead of the 1004 node-soap's failure would otherwise become.
 */
export interface DeclaredOperations {
  /** names of the operations (methods) of every binding */
  methods: Set<string>;
  /** input element names of document-style operations */
  elements: Set<string>;
  /** soapAction values, and their last path segment (node-soap also accepts the bare suffix) */
  actions: Set<string>;
}

interface BindingLike {
  methods?: Record<string, { soapAction?: string }>;
  topElements?: Record<string, unknown>;
}

/** Reads what node-soap parsed out of the WSDL (its `definitions.bindings`). */
export function declaredOperations(bindings: Record<string, BindingLike> | undefined): DeclaredOperations {
  const d: DeclaredOperations = { methods: new Set(), elements: new Set(), actions: new Set() };
  for (const b of Object.values(bindings ?? {})) {
    for (const [name, m] of Object.entries(b.methods ?? {})) {
      d.methods.add(name);
      if (m.soapAction) {
        d.actions.add(m.soapAction);
        d.actions.add(m.soapAction.split('/').pop() ?? m.soapAction);
      }
    }
    for (const el of Object.keys(b.topElements ?? {})) d.elements.add(el);
  }
  return d;
}

/** Local name of the first element inside the SOAP Body, undefined when the Body is empty or absent. */
export function firstBodyElement(xml: string): string | undefined {
  const open = /<(?:[A-Za-z_][\w.-]*:)?Body\b[^>]*?(\/)?>/.exec(xml);
  if (!open || open[1]) return undefined;
  let rest = xml.slice(open.index + open[0].length);
  // skip whitespace, comments and processing instructions
  for (;;) {
    const skipped = rest
      .replace(/^\s+/, '')
      .replace(/^<!--[\s\S]*?-->/, '')
      .replace(/^<\?[\s\S]*?\?>/, '');
    if (skipped === rest) break;
    rest = skipped;
  }
  const el = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  return el ? el[1] : undefined;
}

/**
 * True when the request names an operation the WSDL does not declare: a SOAPAction that is
 * not one of the operations' (or their suffix), or — without a SOAPAction — a Body element
 * that is neither an operation's input element nor an operation name. An empty Body, a Fault
 * as the Body, or a known SOAPAction with a Body that does not fit it, is a malformed message
 * instead (1004).
 */
export function isUnknownOperation(declared: DeclaredOperations, xml: string, soapActionHeader: string | string[] | undefined): boolean {
  const header = Array.isArray(soapActionHeader) ? soapActionHeader[0] : soapActionHeader;
  const action = header === undefined ? undefined : header.startsWith('"') ? header.slice(1, -1) : header;
  if (action) return !declared.actions.has(action);
  const el = firstBodyElement(xml);
  // a Fault sent as a request is a malformed message, not a call
  return el !== undefined && el !== 'Fault' && !declared.elements.has(el) && !declared.methods.has(el);
}

/**
 * Whether the elements of a (pre-scanned, DTD-free) document nest properly: every end tag closes
 * the innermost open element and nothing is left open. Comments, CDATA, processing instructions
 * and quoted attribute values are skipped. Used only after node-soap failed, to tell a
 * well-formed message naming an unknown operation (1008) from broken XML (1004).
 */
export function elementsBalanced(xml: string): boolean {
  const open: string[] = [];
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return open.length === 0;
    const skip = xml.startsWith('<!--', lt) ? '-->' : xml.startsWith('<![CDATA[', lt) ? ']]>' : xml.startsWith('<?', lt) ? '?>' : undefined;
    if (skip) {
      const end = xml.indexOf(skip, lt + 2);
      if (end < 0) return false;
      i = end + skip.length;
      continue;
    }
    const close = xml[lt + 1] === '/';
    const name = /^[^\s/>]+/.exec(xml.slice(close ? lt + 2 : lt + 1, lt + 300))?.[0];
    if (!name) return false;
    // the end of the tag, past quoted attribute values (they may hold '>')
    let j = lt + 1;
    let quote: string | undefined;
    for (; j < xml.length; j++) {
      const c = xml[j];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (j >= xml.length) return false;
    if (close) {
      if (open.pop() !== name) return false;
    } else if (xml[j - 1] !== '/') open.push(name);
    i = j + 1;
  }
}

/**
 * xs:int, xs:integer, xs:short and xs:long as plain decimal integers only: node-soap's
 * parseInt reads "1e3" as 1, "12abc" as 12 and "1.9" as 1. Anything else stays the text it
 * was, so the handler's own validation refuses it as the wrong type.
 */
export function strictInteger(text: string): number | string {
  return /^[+-]?[0-9]{1,15}$/.test(text) ? Number(text) : text;
}

export const STRICT_INTEGER_DESERIALIZERS: Record<string, (text: string) => number | string> = {
  int: strictInteger,
  integer: strictInteger,
  short: strictInteger,
  long: strictInteger,
};
