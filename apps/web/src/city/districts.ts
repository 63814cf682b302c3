import { onBeforeUnmount, onMounted, ref } from 'vue';
import { unwrap } from '@web/shared/api/client';
import { ApiError } from '@web/shared/api/api-error';
import { OPEN_STATUSES } from '@web/shared/ops/terms';
import { api, type Schemas } from './api';
import { districtVerdict, type DistrictVerdict } from './district-health';

export type CityNode = Schemas['CityNodeDto'];
export type NodeHealth = Schemas['NodeHealthDto'];
export type CityAlert = Schemas['CityAlertDto'];

export interface District {
  node: CityNode;
  health: NodeHealth | undefined;
  verdict: DistrictVerdict;
  openAlerts: CityAlert[];
}

/** alerts older than this are not looked at for the 区县总览 (a district's open alerts are reported again in its full reports) */
const OPEN_ALERT_WINDOW_MS = 90 * 86_400_000;

/** The registered districts with their reporting health, open alerts and the colour they get, in registration order. */
export async function loadDistricts(): Promise<{ districts: District[]; staleAfterMs: number; at: string }> {
  const from = new Date(Date.now() - OPEN_ALERT_WINDOW_MS).toISOString();
  const [nodes, health, ...open] = await Promise.all([
    unwrap(api.GET('/city/api/nodes')),
    unwrap(api.GET('/city/api/reporting-health')),
    ...OPEN_STATUSES.map((status) => unwrap(api.GET('/city/api/alerts', { params: { query: { status, from, limit: 5000 } } }))),
  ]);
  const openAlerts = open.flat().sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  const districts = nodes.map((node) => {
    const h = health.nodes.find((n) => n.nodeCode === node.nodeCode);
    return { node, health: h, verdict: districtVerdict(h, openAlerts), openAlerts: openAlerts.filter((a) => a.nodeCode === node.nodeCode) };
  });
  return { districts, staleAfterMs: health.staleAfterMs, at: health.at };
}

/** The districts, re-read every `everyMs` while the page is open (the city's data moves with each report). */
export function useDistricts(everyMs = 30_000) {
  const districts = ref<District[]>([]);
  const staleAfterMs = ref(0);
  const loadedAt = ref<string | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;
  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      const r = await loadDistricts();
      districts.value = r.districts;
      staleAfterMs.value = r.staleAfterMs;
      loadedAt.value = r.at;
      error.value = null;
    } catch (e) {
      error.value = e instanceof ApiError ? e.display : '区县数据加载失败';
    } finally {
      loading.value = false;
    }
  }
  onMounted(() => {
    void refresh();
    timer = setInterval(() => void refresh(), everyMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return { districts, staleAfterMs, loadedAt, error, loading, refresh };
}
