import { defineStore } from 'pinia';
import { ref } from 'vue';
import { unwrap } from '@web/shared/api/client';
import { api, type Schemas } from './api';

/** The departments connected to the exchange, loaded once per session, for names in place of codes. */
export const useDepartments = defineStore('departments', () => {
  const list = ref<Schemas['DepartmentDto'][]>([]);
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= unwrap(api.GET('/api/v1/departments'))
      .then((d) => {
        list.value = d;
      })
      .catch(() => {
        loading = null; // codes are shown until a later page loads them
      });
    return loading;
  }

  /** `区市场监督管理局` for `AMR`; the code itself while the names are not loaded */
  const nameOf = (code: string): string => {
    void load();
    return list.value.find((d) => d.code === code)?.name ?? code;
  };

  return { list, load, nameOf };
});
