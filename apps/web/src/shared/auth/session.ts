import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** The account as every app's `GET …/auth/me` answers it (MeResponseDto of libs/accounts). */
export interface SessionAccount {
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  windowNo: string | null;
  mustChangePassword: boolean;
  passwordPolicy: { minLength: number; minClasses: number; requireMixedCase: boolean; historyCount: number; maxAgeDays: number };
}

/** The account routes of the console's app, called through its generated client. */
export interface AuthEndpoints {
  login(username: string, password: string): Promise<{ token: string; mustChangePassword: boolean }>;
  me(): Promise<SessionAccount>;
  logout(): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
}

const TOKEN_KEY = 'gov-exchange-session';

/**
 * The signed-in account of a console. The token lives in sessionStorage: it survives a reload
 * but not the closing of the tab — hall PCs are shared. The server decides everything (roles,
 * idle timeout, revocation); the screen only follows.
 */
export const useSession = defineStore('session', () => {
  const token = ref<string | null>(sessionStorage.getItem(TOKEN_KEY));
  const account = ref<SessionAccount | null>(null);
  /** why the last session ended, shown on the login page */
  const endedBecause = ref<string | null>(null);
  let endpoints: AuthEndpoints | null = null;

  const api = (): AuthEndpoints => {
    if (!endpoints) throw new Error('session: bind(endpoints) first');
    return endpoints;
  };
  const setToken = (t: string | null) => {
    token.value = t;
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
  };

  function bind(e: AuthEndpoints): void {
    endpoints = e;
  }

  async function login(username: string, password: string): Promise<SessionAccount> {
    const r = await api().login(username, password);
    setToken(r.token);
    endedBecause.value = null;
    account.value = await api().me();
    return account.value;
  }

  /** On page load: the account of a token kept from before the reload, or null. */
  async function restore(): Promise<SessionAccount | null> {
    if (!token.value) return null;
    if (account.value) return account.value;
    try {
      account.value = await api().me();
    } catch {
      setToken(null);
      account.value = null;
    }
    return account.value;
  }

  async function logout(): Promise<void> {
    try {
      if (token.value) await api().logout();
    } finally {
      setToken(null);
      account.value = null;
    }
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await api().changePassword(oldPassword, newPassword);
    // the server ends the account's other sessions; this one goes on without the must-change mark
    const username = account.value?.username;
    try {
      account.value = await api().me();
    } catch {
      setToken(null);
      account.value = null;
      if (username) await login(username, newPassword);
    }
  }

  /** The API answered 401: the session is over (idle timeout, revoked, expired). */
  function expired(): void {
    if (token.value) endedBecause.value = '会话已失效（超时或已在别处注销），请重新登录';
    setToken(null);
    account.value = null;
  }

  return { token, account, endedBecause, signedIn: computed(() => account.value !== null), bind, login, restore, logout, changePassword, expired };
});
