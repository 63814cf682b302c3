import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, TopologyEnv } from './topology.loader';

const base: TopologyEnv = { dbHost: '127.0.0.1', dbPort: 3307, dbUser: 'sim', dbPassword: 'sim', dbNamePrefix: 't_', deptSimUrl: 'http://127.0.0.1:7200/', sharedSecret: 'a-shared-secret-of-length' };

function file(content: unknown): string {
  const p = join(mkdtempSync(join(tmpdir(), 'topo-')), 'topology.json');
  writeFileSync(p, JSON.stringify(content));
  return p;
}

describe('loadTopology', () => {
  it('builds the default five departments with their own front DB, endpoint and credentials', () => {
    const t = loadTopology(base);
    expect(t.departments.map((d) => d.code)).toEqual(['AMR', 'HOUSING', 'HPF', 'PSB', 'DRC']);
    const amr = t.departments[0];
    expect(amr.frontDb.database).toBe('t_fe_amr');
    expect(amr.endpoint).toBe('http://127.0.0.1:7200/dept/AMR');
    expect(amr.deptCredential.password).not.toBe(t.departments[1].deptCredential.password);
    expect(amr.deptCredential.password).not.toBe(amr.platformCredential.password);
    expect(loadTopology(base).departments[0].deptCredential).toEqual(amr.deptCredential);
  });

  it('takes any number of departments from a file, with overrides and profile checks', () => {
    const t = loadTopology({
      ...base,
      topologyFile: file({ departments: [{ code: 'TAX', name: '税务局', transport: 'http', frontDb: { host: '10.1.2.3', database: 'tax_front' }, profile: { rejectRate: 0.5 } }, { code: 'CIVIL', name: '民政局', transport: 'soap', endpoint: 'http://civil.example/ex' }] }),
      profileOverride: JSON.stringify({ callbackLossRate: 0 }),
    });
    expect(t.departments.map((d) => [d.code, d.transport, d.frontDb.host, d.frontDb.database, d.endpoint])).toEqual([
      ['TAX', 'http', '10.1.2.3', 'tax_front', 'http://127.0.0.1:7200/dept/TAX'],
      ['CIVIL', 'soap', '127.0.0.1', 't_fe_civil', 'http://civil.example/ex'],
    ]);
    expect(t.departments[0].profile.rejectRate).toBe(0.5);
    expect(t.departments[0].profile.callbackLossRate).toBe(0);
  });

  it('refuses bad topology files with a message naming the problem', () => {
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [] }) })).toThrow(/non-empty "departments"/);
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'bad code', name: 'x', transport: 'soap' }] }) })).toThrow(/bad department code/);
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'A1', name: 'x', transport: 'soap' }, { code: 'A1', name: 'y', transport: 'soap' }] }) })).toThrow(/duplicate department code A1/);
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'A1', name: 'x', transport: 'ftp' }] }) })).toThrow(/transport must be soap or http/);
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'A1', name: 'x', transport: 'soap', profile: { supplementRate: 3 } }] }) })).toThrow(/supplementRate must be a number in \[0,1\]/);
  });
});
