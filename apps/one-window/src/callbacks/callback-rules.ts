import { CallbackStage, Stage } from '@app/exchange-contract';
import { applicationMachine as machine, ApplicationEvent, ApplicationState } from '../applications/application-state-machine';

export type CallbackDecision =
  { kind: 'apply'; next: ApplicationState } | { kind: 'stale'; note: string } | { kind: 'defer'; note: string } | { kind: 'reject'; note: string };

/** States in which the department holds the current version (the front-DB row exists): where 受理 may come. */
const withDepartment = (s: ApplicationState): boolean => machine.can(s, ApplicationEvent.ACCEPT);

/**
 * The documented rule for a department's callback against the application's state.
 *  - a callback for an older version is STALE: kept in the timeline, no state change;
 *  - 补正补齐 or 受理 is legal while the department holds the current version;
 *  - 办结 is legal after 受理; 办结 that arrives before 受理 is DEFERRED (left untaken and
 *    retried by the scan, so the 受理 record taken later restores the order);
 *  - everything else (a newer version than dispatched, any stage after 办结, 受理 after
 *    补正补齐 of the same version, …) is an illegal transition: rejected and logged.
 */
export function decideCallback(app: { state: ApplicationState; currentVersion: number }, cb: { version: number; stage: CallbackStage }): CallbackDecision {
  if (cb.version < app.currentVersion) return { kind: 'stale', note: `version ${cb.version} superseded by ${app.currentVersion}` };
  if (cb.version > app.currentVersion) return { kind: 'reject', note: `version ${cb.version} was never dispatched (current ${app.currentVersion})` };
  switch (cb.stage) {
    case Stage.SUPPLEMENT:
      return machine.can(app.state, ApplicationEvent.REQUIRE_SUPPLEMENT)
        ? { kind: 'apply', next: machine.next(app.state, ApplicationEvent.REQUIRE_SUPPLEMENT) }
        : { kind: 'reject', note: `补正补齐 not allowed in state ${app.state}` };
    case Stage.ACCEPT:
      return machine.can(app.state, ApplicationEvent.ACCEPT)
        ? { kind: 'apply', next: machine.next(app.state, ApplicationEvent.ACCEPT) }
        : { kind: 'reject', note: `受理 not allowed in state ${app.state}` };
    case Stage.CONCLUDE:
      if (machine.can(app.state, ApplicationEvent.CONCLUDE)) return { kind: 'apply', next: machine.next(app.state, ApplicationEvent.CONCLUDE) };
      if (withDepartment(app.state)) return { kind: 'defer', note: '办结 arrived before 受理' };
      return { kind: 'reject', note: `办结 not allowed in state ${app.state}` };
  }
}
