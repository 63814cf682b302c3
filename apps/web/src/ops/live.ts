import { onBeforeUnmount, onMounted, ref } from 'vue';
import { unwrap } from '@web/shared/api/client';
import { ApiError } from '@web/shared/api/api-error';
import { api, type Schemas } from './api';
import { alertState, appState, type LiveState, OPEN_STATUSES, worse } from './labels';

export type Resource = Schemas['ResourceDto'];
export type Alert = Schemas['AlertDto'];
export type AppEntry = Schemas['AppMonitoringEntryDto'];
export type ParentLink = Schemas['ParentLinkDto'];

export interface NodeSnapshot {
  nodeInfo: Schemas['NodeInfoDto'] | null;
  resources: Resource[];
  parents: ParentLink[];
  apps: AppEntry[];
  /** alerts not yet closed or recovered (告警中, 已确认), newest first */
  openAlerts: Alert[];
  /** the live state of each resource: worst of its open alerts and, for a business system, its probe */
  states: Map<string, LiveState>;
  loadedAt: Date;
}

/** Folds the node's alerts and probes into one state per resource (pure, for the overview and its test). */
export function liveStates(resources: Resource[], apps: AppEntry[], openAlerts: Alert[]): Map<string, LiveState> {
  const states = new Map<string, LiveState>();
  for (const r of resources) states.set(r.resourceId, r.removed ? 'REMOVED' : 'OK');
  for (const a of apps) {
    const s = states.get(a.resourceId);
    if (s && s !== 'REMOVED') states.set(a.resourceId, appState(a.colour)); // a business system is as its last probe
  }
  for (const a of openAlerts) {
    const s = states.get(a.resourceId);
    if (s && s !== 'REMOVED') states.set(a.resourceId, worse(s, alertState(a.severity)));
  }
  return states;
}

async function loadSnapshot(): Promise<NodeSnapshot> {
  const [nodeInfo, resources, parents, apps, firing, acked] = await Promise.all([
    unwrap(api.GET('/ops/api/node-info')).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null; // not entered yet
      throw e;
    }),
    unwrap(api.GET('/ops/api/resources')),
    unwrap(api.GET('/ops/api/topology/parents')),
    unwrap(api.GET('/ops/api/app-monitoring')),
    ...OPEN_STATUSES.map((status) => unwrap(api.GET('/ops/api/alerts', { params: { query: { status, limit: 500 } } }))),
  ]);
  const openAlerts = [...firing, ...acked].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  return { nodeInfo, resources, parents, apps, openAlerts, states: liveStates(resources, apps, openAlerts), loadedAt: new Date() };
}

/**
 * The node's live picture, refreshed every `everyMs` while the page is open (a failed refresh keeps
 * the last picture and says so; the next one tries again).
 */
export function useNodeSnapshot(everyMs = 5000) {
  const snapshot = ref<NodeSnapshot | null>(null);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function refresh(): Promise<void> {
    try {
      snapshot.value = await loadSnapshot();
      error.value = null;
    } catch (e) {
      error.value = e instanceof ApiError ? e.display : '监控数据加载失败';
    }
  }
  async function loop(): Promise<void> {
    await refresh();
    if (!stopped) timer = setTimeout(() => void loop(), everyMs);
  }
  onMounted(() => void loop());
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return { snapshot, error, refresh };
}
