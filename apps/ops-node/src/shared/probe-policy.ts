import { AppError, ReturnCode } from '@app/common';

/**
 * Which URLs the application probes (应用监控) may call. A probe is an HTTP request the ops node
 * makes on an operator's word, so without limits a registered "business system" could be any host
 * and port the node can reach (SSRF: scanning the intranet, poking a database port). Only
 * http/https, only allow-listed hosts and ports, no credentials in the URL; redirects are never
 * followed (the service fetches with `redirect: 'manual'`, so a 3xx is recorded as the answer).
 */
export interface ProbePolicy {
  schemes: ReadonlySet<string>;
  /** lower-case host names and IP literals (IPv6 without brackets) */
  hosts: ReadonlySet<string>;
  ports: ReadonlySet<number>;
}

export const PROBE_SCHEMES: readonly string[] = ['http:', 'https:'];
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

export type ProbeUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const bare = (host: string): string =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');

export function effectivePort(u: URL): number {
  return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
}

/** A comma-separated list; empty entries are ignored. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The policy from the settings: PROBE_ALLOWED_HOSTS (default the loopback names and the hosts of the
 * configured business systems) and PROBE_ALLOWED_PORTS (default the ports of the configured business systems).
 */
export function buildProbePolicy(o: { allowedHosts?: string; allowedPorts?: string; businessSystemUrls: readonly string[] }): ProbePolicy {
  const configured = o.businessSystemUrls
    .map((s) => {
      try {
        return new URL(s);
      } catch {
        return undefined;
      }
    })
    .filter((u): u is URL => u !== undefined);
  const hosts =
    o.allowedHosts !== undefined && o.allowedHosts.trim() !== ''
      ? parseList(o.allowedHosts).map(bare)
      : [...LOOPBACK_HOSTS, ...configured.map((u) => bare(u.hostname))];
  const ports = o.allowedPorts !== undefined && o.allowedPorts.trim() !== '' ? parseList(o.allowedPorts).map(Number) : configured.map(effectivePort);
  return { schemes: new Set(PROBE_SCHEMES), hosts: new Set(hosts), ports: new Set(ports) };
}

/** Problems of the two settings (for the boot-time configuration check). */
export function probePolicyConfigProblems(o: { allowedHosts?: string; allowedPorts?: string }): string[] {
  const out: string[] = [];
  for (const p of parseList(o.allowedPorts)) {
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) out.push(`PROBE_ALLOWED_PORTS: ${JSON.stringify(p)} is not a port (1–65535)`);
  }
  for (const h of parseList(o.allowedHosts)) {
    if (!/^[A-Za-z0-9.\-:[\]]{1,253}$/.test(h)) out.push(`PROBE_ALLOWED_HOSTS: ${JSON.stringify(h)} is not a host name or IP address`);
  }
  return out;
}

/**
 * Checks the URL exactly as it will be requested (base URL of the business system joined with the
 * probe path). Host names are compared after WHATWG URL parsing, which normalises the spellings of an
 * address (`http://2130706433/`, `http://0x7f.1/` and `http://127.1/` are all 127.0.0.1).
 */
export function checkProbeUrl(raw: string, policy: ProbePolicy): ProbeUrlCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'URL格式不正确' };
  }
  if (!policy.schemes.has(u.protocol)) return { ok: false, reason: `协议 ${u.protocol.replace(/:$/, '')} 不允许，只能使用 http 或 https` };
  if (u.username || u.password) return { ok: false, reason: 'URL中不允许包含用户名或密码' };
  const host = bare(u.hostname);
  if (!policy.hosts.has(host)) return { ok: false, reason: `主机 ${host} 不在允许探测的主机清单中（PROBE_ALLOWED_HOSTS）` };
  const port = effectivePort(u);
  if (!policy.ports.has(port)) return { ok: false, reason: `端口 ${port} 不在允许探测的端口清单中（PROBE_ALLOWED_PORTS）` };
  return { ok: true, url: u };
}

/** The URL a probe requests: the system's base URL without a trailing slash, then the probe path. */
export function probeUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/$/, '')}${path}`;
}

/** The node's probe policy from its settings (structural, so the config module can keep importing this file). */
export function nodeProbePolicy(config: {
  PROBE_ALLOWED_HOSTS?: string;
  PROBE_ALLOWED_PORTS?: string;
  businessSystems(): readonly { url: string }[];
}): ProbePolicy {
  return buildProbePolicy({
    allowedHosts: config.PROBE_ALLOWED_HOSTS,
    allowedPorts: config.PROBE_ALLOWED_PORTS,
    businessSystemUrls: config.businessSystems().map((s) => s.url),
  });
}

/**
 * Refuses a business-system URL (and probe path) the probes may not call: 1003 naming the field,
 * with the reason in Chinese. Here rather than in the probe service so that inventory (which checks a
 * resource's URL when it is registered) does not depend on monitoring.
 */
export function assertProbeable(policy: ProbePolicy, baseUrl: string, path: string, field: 'url' | 'path'): void {
  const check = checkProbeUrl(probeUrl(baseUrl, path), policy);
  if (!check.ok) throw new AppError(ReturnCode.BAD_PARAMETER, `${field === 'url' ? '资源URL' : '探测路径'}不允许探测：${check.reason}`, { field });
}
