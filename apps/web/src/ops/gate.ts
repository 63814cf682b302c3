import { type Component, defineComponent, h } from 'vue';
import RoleGate from '@web/shared/components/RoleGate.vue';

/** the ops node's own staff; the 三员 officers see only their pages */
export const OPS_ROLES = ['OPS_ENGINEER', 'OPS_ADMIN'];

/** A page of the ops staff: anyone else reaching its URL reads 无权限 (and the page calls nothing). */
export function opsOnly(page: Component, what: string): Component {
  return defineComponent({
    name: `OpsOnly${what}`,
    setup: () => () => h(RoleGate, { roles: OPS_ROLES, what }, { default: () => h(page) }),
  });
}
