import type { SoapVersion } from './soap-version.util';

const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';

/**
 * node-soap forgets which SOAP version a binding uses (and `forceSoap12Headers` is per client), so the
 * kit reads it from the WSDL text: a port whose `<x:address>` prefix maps to the wsdl/soap12 namespace
 * is SOAP 1.2. Meant for trusted, local WSDL files. Keys are `${service}/${port}`.
 */
export function inspectPortVersions(wsdlXml: string): Map<string, SoapVersion> {
  const prefixes = new Map<string, string>();
  for (const m of wsdlXml.matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']+)["']/g)) prefixes.set(m[1], m[2]);
  const result = new Map<string, SoapVersion>();
  const serviceRe = /<(?:[\w.-]+:)?service\b[^>]*\bname\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?service>/g;
  const portRe = /<(?:[\w.-]+:)?port\b[^>]*\bname\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?port>/g;
  const addressRe = /<(?:([\w.-]+):)?address\b/;
  for (const service of wsdlXml.matchAll(serviceRe)) {
    for (const port of service[2].matchAll(portRe)) {
      const address = addressRe.exec(port[2]);
      const ns = address?.[1] ? prefixes.get(address[1]) : undefined;
      if (ns === WSDL_SOAP12_NS) result.set(`${service[1]}/${port[1]}`, '1.2');
      else if (ns === WSDL_SOAP11_NS || ns === undefined) result.set(`${service[1]}/${port[1]}`, '1.1');
    }
  }
  return result;
}
