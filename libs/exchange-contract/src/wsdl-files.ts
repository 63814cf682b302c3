import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Locates the committed WSDL files from src (ts-jest) and from dist alike. */
export function wsdlDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'libs', 'exchange-contract', 'wsdl');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('exchange-contract: WSDL folder not found');
}

export const CALLBACK_WSDL = 'callback-notification.wsdl';
export const ACCEPTANCE_WSDL = 'acceptance-notification.wsdl';
export const DOWNLINK_WSDL = 'downlink-delivery.wsdl';

export function wsdlPath(name: string): string {
  return join(wsdlDir(), name);
}

export function readWsdl(name: string): string {
  return readFileSync(wsdlPath(name), 'utf8');
}
