import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCityConfig } from './city.config';

describe('city configuration', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'city-config-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const nodesFile = (content: unknown) => {
    const f = join(dir, `nodes-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  };

  it('runs on a laptop with no environment at all: one default node whose front DB is on the DB_* server', () => {
    const { config, nodes } = loadCityConfig({});
    expect(config).toMatchObject({
      PORT: 7160,
      HOST: '127.0.0.1',
      DB_PORT: 3307,
      CITY_NODE_CODE: 'CITY-4104',
      MAX_CLOCK_SKEW_MS: 300_000,
      BODY_LIMIT_BYTES: 16 * 1024 * 1024,
      DOWNLINK_SCHEDULE: '',
    });
    expect(config.cityDbName).toBe('city_supervisor');
    expect(nodes).toEqual([
      {
        nodeCode: 'SLQ-410404',
        name: '区运维节点',
        inboundUrl: 'http://127.0.0.1:7140',
        transport: 'http',
        frontDb: { host: '127.0.0.1', port: 3307, user: 'sim', password: 'sim', database: 'ops_front' },
      },
    ]);
  });

  it('prefixes the schema names', () => {
    const { config, nodes } = loadCityConfig({ DB_NAME_PREFIX: 't1_', DEFAULT_NODE_TRANSPORT: 'soap', DEFAULT_NODE_URL: 'http://10.0.0.5:7140/' });
    expect(config.cityDbName).toBe('t1_city_supervisor');
    expect(nodes[0]).toMatchObject({ transport: 'soap', inboundUrl: 'http://10.0.0.5:7140', frontDb: { database: 't1_ops_front' } });
  });

  it('names each bad variable', () => {
    expect(() => loadCityConfig({ PORT: 'abc', DEFAULT_NODE_TRANSPORT: 'ftp' })).toThrow(/PORT="abc"/);
    expect(() => loadCityConfig({ PORT: 'abc', DEFAULT_NODE_TRANSPORT: 'ftp' })).toThrow(/DEFAULT_NODE_TRANSPORT="ftp"/);
    expect(() => loadCityConfig({ DOWNLINK_SCHEDULE: 'every now and then' })).toThrow(/DOWNLINK_SCHEDULE/);
    expect(() => loadCityConfig({ WORK_ORDER_RETRY_BASE_MS: '5000', WORK_ORDER_RETRY_MAX_MS: '1000' })).toThrow(/WORK_ORDER_RETRY_MAX_MS=1000/);
    expect(loadCityConfig({ DOWNLINK_SCHEDULE: '*/10 * * * * *' }).config.DOWNLINK_SCHEDULE).toBe('*/10 * * * * *');
  });

  it('reads the registered nodes from CITY_NODES_FILE', () => {
    const file = nodesFile([
      {
        nodeCode: 'WD-410402',
        name: '卫东区运维节点',
        inboundUrl: 'http://127.0.0.1:7141',
        transport: 'soap',
        frontDb: { host: 'db1', port: 3306, user: 'u', password: 'p', database: 'wd_ops_front' },
      },
      {
        nodeCode: 'XH-410403',
        name: '新华区运维节点',
        inboundUrl: 'http://127.0.0.1:7142',
        transport: 'http',
        frontDb: { host: 'db2', port: 3306, user: 'u', password: '', database: 'xh_ops_front' },
      },
    ]);
    const { nodes } = loadCityConfig({ CITY_NODES_FILE: file });
    expect(nodes.map((n) => `${n.nodeCode}:${n.transport}:${n.frontDb.database}`)).toEqual(['WD-410402:soap:wd_ops_front', 'XH-410403:http:xh_ops_front']);
  });

  it('refuses a bad nodes file, saying where', () => {
    const good = {
      nodeCode: 'WD-410402',
      name: '卫东区',
      inboundUrl: 'http://127.0.0.1:7141',
      transport: 'soap',
      frontDb: { host: 'h', port: 3306, user: 'u', password: 'p', database: 'd' },
    };
    expect(() => loadCityConfig({ CITY_NODES_FILE: nodesFile('not json') })).toThrow(/CITY_NODES_FILE .*cannot be read as JSON/);
    expect(() => loadCityConfig({ CITY_NODES_FILE: nodesFile([]) })).toThrow(/non-empty JSON array/);
    expect(() => loadCityConfig({ CITY_NODES_FILE: nodesFile([good, { ...good, transport: 'ftp' }]) })).toThrow(/\[1\]: transport/);
    expect(() => loadCityConfig({ CITY_NODES_FILE: nodesFile([{ ...good, frontDb: { ...good.frontDb, port: '3306' } }]) })).toThrow(/\[0\]: frontDb.port/);
    expect(() => loadCityConfig({ CITY_NODES_FILE: nodesFile([{ ...good, publicKeyPem: 'xyz' }]) })).toThrow(/publicKeyPem/);
    expect(() => loadCityConfig({ CITY_NODES_FILE: nodesFile([good, good]) })).toThrow(/registered twice/);
  });
});
