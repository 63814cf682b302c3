import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, TopologyEnv } from './topology.loader';

const base: TopologyEnv = {
  dbHost: '127.0.0.1',
  dbPort: 3307,
  dbUser: 'sim',
  dbPassword: 'sim',
  dbNamePrefix: 't_',
  deptSimUrl: 'http://127.0.0.1:7200/',
  sharedSecret: 'a-shared-secret-of-length',
  appMode: 'development',
};
const production: TopologyEnv = { ...base, appMode: 'production' };
const creds = (code: string) => ({
  platformCredential: { username: `p2${code.toLowerCase()}`, password: `platform-pass-${code}-0123` },
  deptCredential: { username: `d2${code.toLowerCase()}`, password: `dept-pass-${code}-456789` },
});

function file(content: unknown): string {
  const p = join(mkdtempSync(join(tmpdir(), 'topo-')), 'topology.json');
  writeFileSync(p, JSON.stringify(content));
  return p;
}

describe('loadTopology', () => {
  it('builds the default five departments with their own front DB, endpoint and (APP_MODE=development) derived credentials', () => {
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
      topologyFile: file({
        departments: [
          { code: 'TAX', name: '税务局', transport: 'http', frontDb: { host: '10.1.2.3', database: 'tax_front' }, profile: { rejectRate: 0.5 } },
          { code: 'CIVIL', name: '民政局', transport: 'soap', endpoint: 'http://civil.example/ex' },
        ],
      }),
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
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'bad code', name: 'x', transport: 'soap' }] }) })).toThrow(
      /bad department code/,
    );
    expect(() =>
      loadTopology({
        ...base,
        topologyFile: file({
          departments: [
            { code: 'A1', name: 'x', transport: 'soap' },
            { code: 'A1', name: 'y', transport: 'soap' },
          ],
        }),
      }),
    ).toThrow(/duplicate department code A1/);
    expect(() => loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'A1', name: 'x', transport: 'ftp' }] }) })).toThrow(
      /transport must be soap or http/,
    );
    expect(() =>
      loadTopology({ ...base, topologyFile: file({ departments: [{ code: 'A1', name: 'x', transport: 'soap', profile: { supplementRate: 3 } }] }) }),
    ).toThrow(/supplementRate must be a number in \[0,1\]/);
  });

  describe('credentials', () => {
    it("takes each department's two accounts from the file, in production and in development alike", () => {
      const topologyFile = file({
        departments: [
          { code: 'TAX', name: '税务局', transport: 'http', ...creds('TAX') },
          { code: 'CIVIL', name: '民政局', transport: 'soap', ...creds('CIVIL') },
        ],
      });
      for (const env of [production, base]) {
        const t = loadTopology({ ...env, topologyFile });
        expect(t.departments.map((d) => [d.platformCredential, d.deptCredential])).toEqual([
          [creds('TAX').platformCredential, creds('TAX').deptCredential],
          [creds('CIVIL').platformCredential, creds('CIVIL').deptCredential],
        ]);
      }
    });

    it('refuses to start in production without credentials, naming every department that lacks them', () => {
      expect(() => loadTopology(production)).toThrow(
        'topology: no exchange credentials for departments AMR, HOUSING, HPF, PSB, DRC: AMR (platformCredential), AMR (deptCredential), HOUSING (platformCredential)',
      );
      const partial = file({
        departments: [
          { code: 'TAX', name: '税务局', transport: 'http', ...creds('TAX') },
          { code: 'CIVIL', name: '民政局', transport: 'soap', platformCredential: creds('CIVIL').platformCredential },
        ],
      });
      expect(() => loadTopology({ ...production, topologyFile: partial })).toThrow(
        /no exchange credentials for department CIVIL: CIVIL \(deptCredential\) missing[\s\S]*only APP_MODE=development derives them from EXCHANGE_SHARED_SECRET/,
      );
      // development derives only what is missing
      const dev = loadTopology({ ...base, topologyFile: partial }).departments[1];
      expect(dev.platformCredential).toEqual(creds('CIVIL').platformCredential);
      expect(dev.deptCredential.username).toBe('dept-civil');
    });

    it('never derives in production, whatever the shared secret', () => {
      expect(() => loadTopology({ ...production, sharedSecret: 'another-secret-of-some-length' })).toThrow(/no exchange credentials/);
    });

    it('checks every credential and that departments tell apart by their user name', () => {
      const one = (extra: object) => file({ departments: [{ code: 'TAX', name: '税务局', transport: 'http', ...creds('TAX'), ...extra }] });
      expect(() => loadTopology({ ...production, topologyFile: one({ deptCredential: { username: 'dept-tax', password: 'short' } }) })).toThrow(
        'topology: department TAX: deptCredential.password must be a string of at least 12 characters',
      );
      expect(() => loadTopology({ ...production, topologyFile: one({ platformCredential: { username: 'a b', password: 'long-enough-password' } }) })).toThrow(
        /TAX: platformCredential.username must be 3–64 characters/,
      );
      expect(() => loadTopology({ ...production, topologyFile: one({ deptCredential: 'dept:secret' }) })).toThrow(/TAX: deptCredential.username/);
      const twins = file({
        departments: [
          { code: 'TAX', name: 'x', transport: 'http', ...creds('TAX') },
          { code: 'CIVIL', name: 'y', transport: 'http', ...creds('CIVIL'), deptCredential: creds('TAX').deptCredential },
        ],
      });
      expect(() => loadTopology({ ...production, topologyFile: twins })).toThrow('topology: departments TAX and CIVIL share the deptCredential.username d2tax');
    });

    it('checks the endpoint and the frontDb block', () => {
      const one = (extra: object) => file({ departments: [{ code: 'TAX', name: '税务局', transport: 'http', ...creds('TAX'), ...extra }] });
      expect(loadTopology({ ...production, topologyFile: one({ endpoint: 'https://tax.example.gov.cn/exchange/' }) }).departments[0].endpoint).toBe(
        'https://tax.example.gov.cn/exchange',
      );
      expect(() => loadTopology({ ...production, topologyFile: one({ endpoint: 'ftp://tax' }) })).toThrow(
        'topology: department TAX: endpoint must be an http(s) base URL',
      );
      expect(() => loadTopology({ ...production, topologyFile: one({ frontDb: { port: '3306' } }) })).toThrow(
        'topology: department TAX: frontDb.port must be an integer 1–65535',
      );
      expect(() => loadTopology({ ...production, topologyFile: one({ frontDb: { database: 42 } }) })).toThrow(
        'topology: department TAX: frontDb.database must be a string',
      );
      expect(
        loadTopology({ ...production, topologyFile: one({ frontDb: { host: '10.0.0.9', port: 3306, user: 'ex', password: '', database: 'tax_front' } }) })
          .departments[0].frontDb,
      ).toEqual({ host: '10.0.0.9', port: 3306, user: 'ex', password: '', database: 'tax_front' });
    });
  });
});
