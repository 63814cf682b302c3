import { declaredOperations, elementsBalanced, firstBodyElement, isUnknownOperation, strictInteger } from './soap-operation.resolver';

const declared = declaredOperations({
  Soap11: { methods: { NotifyCallback: { soapAction: 'urn:gov-exchange:callback:v1/NotifyCallback' } }, topElements: { NotifyCallbackRequest: {} } },
  Soap12: { methods: { NotifyCallback: { soapAction: 'urn:gov-exchange:callback:v1/NotifyCallback' } }, topElements: { NotifyCallbackRequest: {} } },
});
const env = (body: string) =>
  `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('SOAP operation resolution', () => {
  it('finds the first Body element, skipping whitespace, comments and PIs', () => {
    expect(firstBodyElement(env('<cb:NotifyCallbackRequest xmlns:cb="x"/>'))).toBe('NotifyCallbackRequest');
    expect(firstBodyElement(env(' \n<!-- c --><?pi x?> <Frobnicate/>'))).toBe('Frobnicate');
    expect(firstBodyElement(env(''))).toBeUndefined();
    expect(firstBodyElement('<soap:Envelope xmlns:soap="x"><soap:Body/></soap:Envelope>')).toBeUndefined();
    expect(firstBodyElement('<a/>')).toBeUndefined();
  });

  it('calls an undeclared Body element or SOAPAction unknown, a declared one known', () => {
    expect(isUnknownOperation(declared, env('<cb:NotifyCallbackRequest/>'), undefined)).toBe(false);
    expect(isUnknownOperation(declared, env('<cb:NotifyCallback/>'), undefined)).toBe(false);
    expect(isUnknownOperation(declared, env('<cb:DeleteEverything/>'), undefined)).toBe(true);
    expect(isUnknownOperation(declared, env('<cb:NotifyCallbackRequest/>'), '"urn:gov-exchange:callback:v1/NotifyCallback"')).toBe(false);
    expect(isUnknownOperation(declared, env('<cb:NotifyCallbackRequest/>'), 'NotifyCallback')).toBe(false);
    expect(isUnknownOperation(declared, env('<cb:NotifyCallbackRequest/>'), '"urn:nope"')).toBe(true);
    // an empty SOAPAction falls back to the element, as node-soap does
    expect(isUnknownOperation(declared, env('<cb:Nope/>'), '""')).toBe(true);
  });

  it('leaves an empty Body, or a known action with a Body that does not fit, to be malformed', () => {
    expect(isUnknownOperation(declared, env(''), undefined)).toBe(false);
    expect(isUnknownOperation(declared, env('<soap:Fault><faultcode>x</faultcode></soap:Fault>'), undefined)).toBe(false);
    expect(isUnknownOperation(declared, env('<cb:Nope/>'), '"urn:gov-exchange:callback:v1/NotifyCallback"')).toBe(false);
  });

  it('tells well-formed element nesting from broken XML', () => {
    expect(elementsBalanced(env('<cb:Nope a="x>y" b=\'/>\'><!-- <x> --><![CDATA[<y>]]><?pi <z>?><c/></cb:Nope>'))).toBe(true);
    expect(elementsBalanced('<?xml version="1.0"?><a><b/></a>')).toBe(true);
    for (const bad of [env('<a></b>'), '<a><b></a></b>', '<a>', '<a', '<a><!-- x </a>', '</a>', '<>', '<a b="x></a>'])
      expect(elementsBalanced(bad)).toBe(false);
  });

  it('reads integers as plain decimals only', () => {
    expect(strictInteger('42')).toBe(42);
    expect(strictInteger('+7')).toBe(7);
    expect(strictInteger('-3')).toBe(-3);
    expect(strictInteger('007')).toBe(7);
    for (const t of ['1e3', '12abc', '1.9', '0x10', 'Infinity', '', '١٢', '1 2', '9'.repeat(16)]) expect(strictInteger(t)).toBe(t);
  });
});
