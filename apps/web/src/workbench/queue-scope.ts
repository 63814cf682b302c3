import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useSession } from '@web/shared/auth/session';

/**
 * 只看本窗口: whether the work queue and the home page's counts show only the applications
 * registered at the session's window. On by default for a 窗口人员 with a window, off for the
 * 审批账号 (the hall); the choice lasts for the session (both pages share it).
 */
export const useQueueScope = defineStore('queue-scope', () => {
  const session = useSession();
  // the choice of one account: another signing in on the same tab starts from their default
  const chosen = ref<{ username: string; mine: boolean } | null>(null);
  const windowNo = computed(() => session.account?.windowNo ?? null);
  const mine = computed<boolean>({
    get: () => {
      const own = chosen.value && chosen.value.username === session.account?.username ? chosen.value.mine : null;
      return !!windowNo.value && (own ?? session.account?.role === 'OPERATOR');
    },
    set: (v) => {
      chosen.value = { username: session.account?.username ?? '', mine: v };
    },
  });
  /** the list's `windowNo` parameter: the session's window while 只看本窗口 is on */
  const query = (): { windowNo?: string } => (mine.value && windowNo.value ? { windowNo: windowNo.value } : {});
  return { mine, windowNo, query };
});
