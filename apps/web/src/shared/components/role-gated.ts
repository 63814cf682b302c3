import { type Component, defineComponent, h } from 'vue';
import RoleGate from './RoleGate.vue';

/** A page for some roles only: anyone else reaching its URL reads 无权限 (and the page calls nothing). */
export function roleGated(roles: string[], page: Component, what: string, prefix: string): Component {
  return defineComponent({
    name: `${prefix}${what}`,
    setup: () => () => h(RoleGate, { roles, what }, { default: () => h(page) }),
  });
}
