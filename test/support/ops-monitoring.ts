import { OpsEnv } from './ops-env';

export interface Sample {
  resourceId: string;
  subResourceId?: string;
  metric: string;
  value: number;
  unit?: string;
  sampledAt?: string;
}

export interface ApiAlert {
  alertId: string;
  ruleId: number;
  resourceId: string;
  subResourceId: string | null;
  metric: string;
  severity: string;
  status: string;
  silencedBy: number | null;
  suppressedBy: string | null;
  notifyCount: number;
}

export interface ApiNotice {
  noticeId: number;
  groupKey: string;
  kind: string;
  title: string;
  alerts: { alertId: string; event: string; resourceId: string; subResourceId: string }[];
}

/** Thin client of the ops node's monitoring API for the monitoring suites. */
export class MonitoringClient {
  constructor(private readonly env: OpsEnv) {}

  private url(path: string): string {
    return `${this.env.opsUrl}/ops/api${path}`;
  }

  get<T>(path: string): Promise<T> {
    return this.env.json<T>(this.url(path));
  }

  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.env.json<T>(this.url(path), { method, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  push(samples: Sample[]) {
    return this.send<{ stored: number; fired: string[]; resolved: string[] }>('POST', '/samples', { samples });
  }

  alerts(query = '') {
    return this.get<ApiAlert[]>(`/alerts${query ? `?${query}` : ''}`);
  }

  notices() {
    return this.get<ApiNotice[]>('/alert-notices?limit=1000');
  }

  createRule(rule: Record<string, unknown>) {
    return this.send<{ id: number }>('POST', '/alert-rules', rule);
  }

  log(query: string) {
    return this.get<{ event: string; alertId: string | null; message: string; actor: string | null }[]>(`/system-log?${query}`);
  }
}

/** Evenly spaced samples of one series between two instants (inclusive start, exclusive end); the unit a percentage unless given. */
export function series(resourceId: string, metric: string, fromMs: number, toMs: number, stepMs: number, value: (i: number) => number, unit = '%'): Sample[] {
  const out: Sample[] = [];
  for (let t = fromMs, i = 0; t < toMs; t += stepMs, i++) out.push({ resourceId, metric, value: value(i), unit, sampledAt: new Date(t).toISOString() });
  return out;
}
