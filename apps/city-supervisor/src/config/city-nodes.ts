import { readFileSync } from 'node:fs';
import type { CityConfig } from './city.config';

export type NodeTransport = 'soap' | 'http';

export interface FrontDbSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** A district ops node registered with the city (who may report, where work orders and downlink records go). */
export interface CityNode {
  nodeCode: string;
  name: string;
  /** PEM SM2 public key of the node; undefined = the derived development key */
  publicKeyPem?: string;
  inboundUrl: string;
  transport: NodeTransport;
  frontDb: FrontDbSettings;
}

const NODE_CODE = /^[A-Za-z0-9_-]{2,32}$/;
const URL_RE = /^https?:\/\/[^\s]+$/;
const DB_NAME = /^[A-Za-z0-9_]{1,64}$/;

function fail(where: string, problem: string): never {
  throw new Error(`Invalid configuration:\n  CITY_NODES_FILE ${where}: ${problem}`);
}

function str(v: unknown, where: string, field: string, re?: RegExp): string {
  if (typeof v !== 'string' || v.trim() === '') fail(where, `${field} must be a non-empty string`);
  if (re && !re.test(v)) fail(where, `${field}=${JSON.stringify(v)} has a bad format`);
  return v;
}

function parseNode(raw: unknown, i: number): CityNode {
  const where = `[${i}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(where, 'each node must be an object');
  const n = raw as Record<string, unknown>;
  const transport = n.transport;
  if (transport !== 'soap' && transport !== 'http') fail(where, 'transport must be "soap" or "http"');
  const fdb = n.frontDb;
  if (typeof fdb !== 'object' || fdb === null || Array.isArray(fdb)) fail(where, 'frontDb must be an object { host, port, user, password, database }');
  const f = fdb as Record<string, unknown>;
  const port = f.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) fail(where, 'frontDb.port must be an integer port');
  if (typeof f.password !== 'string') fail(where, 'frontDb.password must be a string');
  const pem = n.publicKeyPem;
  if (pem !== undefined && (typeof pem !== 'string' || !pem.includes('BEGIN PUBLIC KEY'))) fail(where, 'publicKeyPem must be a PEM public key');
  return {
    nodeCode: str(n.nodeCode, where, 'nodeCode', NODE_CODE),
    name: str(n.name, where, 'name'),
    publicKeyPem: pem,
    inboundUrl: str(n.inboundUrl, where, 'inboundUrl', URL_RE).replace(/\/+$/, ''),
    transport,
    frontDb: {
      host: str(f.host, where, 'frontDb.host'),
      port,
      user: str(f.user, where, 'frontDb.user'),
      password: f.password,
      database: str(f.database, where, 'frontDb.database', DB_NAME),
    },
  };
}

/** The registered nodes: CITY_NODES_FILE, or one default node built from DEFAULT_NODE_* and the DB_* server. */
export function loadCityNodes(config: CityConfig): CityNode[] {
  if (!config.CITY_NODES_FILE) {
    return [
      {
        nodeCode: config.DEFAULT_NODE_CODE,
        name: '区运维节点',
        inboundUrl: config.DEFAULT_NODE_URL.replace(/\/+$/, ''),
        transport: config.DEFAULT_NODE_TRANSPORT === 'soap' ? 'soap' : 'http',
        publicKeyPem: config.DEFAULT_NODE_PUBLIC_KEY_FILE ? readFileSync(config.DEFAULT_NODE_PUBLIC_KEY_FILE, 'utf8') : undefined,
        frontDb: { host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.defaultFrontDbName },
      },
    ];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config.CITY_NODES_FILE, 'utf8'));
  } catch (err) {
    fail(JSON.stringify(config.CITY_NODES_FILE), `cannot be read as JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) fail(JSON.stringify(config.CITY_NODES_FILE), 'must be a non-empty JSON array of nodes');
  const nodes = parsed.map(parseNode);
  const seen = new Set<string>();
  for (const n of nodes) {
    if (seen.has(n.nodeCode)) fail(`nodeCode ${n.nodeCode}`, 'registered twice');
    seen.add(n.nodeCode);
  }
  return nodes;
}
