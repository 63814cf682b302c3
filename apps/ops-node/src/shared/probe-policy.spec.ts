import { buildProbePolicy, checkProbeUrl, probePolicyConfigProblems, probeUrl } from './probe-policy';

describe('probe policy (SSRF guard of the application probes)', () => {
  const defaults = buildProbePolicy({ businessSystemUrls: ['http://127.0.0.1:7100', 'http://127.0.0.1:7200', 'https://biz.example.gov.cn'] });
  const ok = (url: string, policy = defaults) => checkProbeUrl(url, policy).ok;
  const reason = (url: string, policy = defaults) => {
    const c = checkProbeUrl(url, policy);
    return c.ok ? null : c.reason;
  };

  it('allows the configured business systems (their hosts and ports) by default', () => {
    expect(ok('http://127.0.0.1:7100/health/live')).toBe(true);
    expect(ok('http://localhost:7200/x')).toBe(true);
    expect(ok('http://[::1]:7100/')).toBe(true);
    expect(ok('https://biz.example.gov.cn/health')).toBe(true);
    expect(ok('https://BIZ.example.gov.cn:443/')).toBe(true);
  });

  it('refuses other hosts, other ports and other schemes, in Chinese', () => {
    expect(reason('http://10.0.0.5:7100/')).toMatch(/主机 10\.0\.0\.5 不在允许探测的主机清单中/);
    expect(reason('http://127.0.0.1:3306/')).toMatch(/端口 3306 不在允许探测的端口清单中/);
    expect(reason('http://127.0.0.1/')).toMatch(/端口 80 /);
    expect(reason('file:///etc/passwd')).toMatch(/协议 file 不允许/);
    expect(reason('gopher://127.0.0.1:7100/')).toMatch(/协议 gopher 不允许/);
    expect(reason('not a url')).toBe('URL格式不正确');
  });

  it('compares the normalised host, so other spellings of an address do not slip through', () => {
    const onlyTen = buildProbePolicy({ allowedHosts: '10.1.1.1', allowedPorts: '80', businessSystemUrls: [] });
    expect(ok('http://10.1.1.1/', onlyTen)).toBe(true);
    for (const u of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://0177.0.0.1/', 'http://LOCALHOST/']) expect(ok(u, onlyTen)).toBe(false);
    // a default policy allows 127.0.0.1, and these are 127.0.0.1: still only on the allowed ports
    expect(ok('http://2130706433:7100/')).toBe(true);
    expect(ok('http://2130706433:22/')).toBe(false);
  });

  it('refuses credentials and an @ that moves the host', () => {
    expect(reason('http://user:pw@127.0.0.1:7100/')).toBe('URL中不允许包含用户名或密码');
    expect(ok('http://127.0.0.1:7100@10.0.0.5:7100/')).toBe(false);
    expect(ok(probeUrl('http://127.0.0.1:7100', '/@10.0.0.5:7100/'))).toBe(true); // a path, still 127.0.0.1
    expect(checkProbeUrl(probeUrl('http://127.0.0.1:7100', '/@10.0.0.5:7100/'), defaults)).toEqual({
      ok: true,
      url: new URL('http://127.0.0.1:7100/@10.0.0.5:7100/'),
    });
  });

  it('takes explicit lists instead of the defaults', () => {
    const p = buildProbePolicy({ allowedHosts: ' app.local , 192.168.1.20 ', allowedPorts: '8080,8443', businessSystemUrls: ['http://127.0.0.1:7100'] });
    expect(ok('http://app.local:8080/', p)).toBe(true);
    expect(ok('https://192.168.1.20:8443/', p)).toBe(true);
    expect(ok('http://127.0.0.1:7100/', p)).toBe(false);
    expect(ok('http://app.local:8080/')).toBe(false);
  });

  it('reports bad settings at boot', () => {
    expect(probePolicyConfigProblems({ allowedHosts: '127.0.0.1,a b', allowedPorts: '80,0,70000,x' })).toEqual([
      'PROBE_ALLOWED_PORTS: "0" is not a port (1–65535)',
      'PROBE_ALLOWED_PORTS: "70000" is not a port (1–65535)',
      'PROBE_ALLOWED_PORTS: "x" is not a port (1–65535)',
      'PROBE_ALLOWED_HOSTS: "a b" is not a host name or IP address',
    ]);
    expect(probePolicyConfigProblems({})).toEqual([]);
  });
});
