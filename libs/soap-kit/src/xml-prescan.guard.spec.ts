import { prescanXml } from './xml-prescan.guard';

const ok = { ok: true };
const env = (inner: string) => `<?xml version="1.0"?><s:Envelope xmlns:s="urn:x"><s:Body>${inner}</s:Body></s:Envelope>`;

describe('prescanXml', () => {
  it('accepts ordinary SOAP, comments, CDATA, PIs, attributes with ">" and entities', () => {
    expect(prescanXml(env('<a x=">" y=\'1\' z="&amp;&#60;">t &gt; 1 <![CDATA[<b id="x">]]><!-- c --><?pi x?></a><e/>'))).toEqual(ok);
    expect(prescanXml(env('<a>__proto__ as text is fine</a>'))).toEqual(ok);
    expect(prescanXml(env('<a id="ref1" href="#ref1" xsi:type="xsd:string"/>'))).toEqual(ok);
  });

  it.each([
    ['<!DOCTYPE x>', '<!DOCTYPE x><x/>'],
    ['lower case doctype', '<!doctype x><x/>'],
    ['ENTITY alone', '<x><!ENTITY a "b"></x>'],
    ['DTD inside CDATA', env('<a><![CDATA[<?xml version="1.0"?><!DOCTYPE y><y/>]]></a>')],
    ['DTD inside a comment', env('<!-- <!DOCTYPE y> -->')],
  ])('refuses DTDs: %s', (_n, xml) => {
    expect(prescanXml(xml)).toEqual({ ok: false, reason: 'dtd' });
  });

  it.each([
    ['id=__proto__', '<a id="__proto__"/>'],
    ['single quotes', "<a id='__proto__'/>"],
    ['spaces around =', '<a id = "constructor"/>'],
    ['prefixed id attr', '<a soapenc:id="toString"/>'],
    ['href', '<a href="#__proto__"/>'],
    ['xsi:type', '<a xsi:type="tns:constructor"/>'],
    ['decimal entity', '<a id="&#95;&#95;proto&#95;&#95;"/>'],
    ['hex entity', '<a id="&#x5f;_proto_&#x5F;"/>'],
    ['element', '<__proto__/>'],
    ['prefixed element', '<t:__proto__>1</t:__proto__>'],
    ['attribute name', '<a __proto__="1"/>'],
    ['xmlns prefix', '<a xmlns:__proto__="urn:x"/>'],
    ['after a ">" in another attribute', '<a b=">" id="__proto__"/>'],
    ['after text that looks like an attribute', '<a>x="</a><b id="__proto__"/>'],
    ['in nested CDATA document', '<a><![CDATA[<?xml version="1.0"?><b id="__proto__"/>]]></a>'],
  ])('refuses prototype keys: %s', (_n, inner) => {
    expect(prescanXml(env(inner))).toEqual({ ok: false, reason: 'forbidden-name' });
  });

  it.each([
    ['unterminated comment', '<a><!-- x</a>'],
    ['unterminated attribute', '<a id="x/>'],
    ['unquoted attribute', '<a id=x/>'],
    ['unterminated tag', '<a id="x"'],
    ['<! junk', '<a><!foo></a>'],
  ])('refuses what it cannot tokenise: %s', (_n, xml) => {
    expect(prescanXml(xml)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is linear on a 1 MiB body', () => {
    const big = env('<a k="v">x</a>'.repeat(70_000));
    const started = process.hrtime.bigint();
    expect(prescanXml(big)).toEqual(ok);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
  });
});
