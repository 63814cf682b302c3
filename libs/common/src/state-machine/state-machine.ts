import { AppError } from '../errors/app-error';
import { ReturnCode } from '../errors/return-codes';

/**
 * The state-machine kit: one pure definition per aggregate (申报, 出件, 协同工单, 告警…) from a table of
 * transitions, asked by every state change of that aggregate. No I/O. The repositories put
 * `allowedFrom(event)` into their `UPDATE … WHERE status IN (…)`, so SQL re-checks what the machine
 * allows; each aggregate's doc table is rendered from (and checked against) the same definition
 * (state-machine-doc.ts).
 */

/** Why an event was refused: a published return code and the words after its message. */
export interface Refusal {
  code: ReturnCode;
  detail: string;
  fields?: Record<string, unknown>;
}

/** One row of the table. An event has exactly one row. */
export interface TransitionDef<S extends string, E extends string, C = undefined> {
  event: E;
  /** the states the event is allowed in; empty: the event creates the aggregate (it has no state before) */
  from: readonly S[];
  to: S;
  /** the step's name in Chinese (the doc table's label, the default words of a refusal) */
  label: string;
  /** the words of a refusal of this event after the state (RefusalInput.words); default `不能<label>` */
  refused?: string;
  /** what the event needs besides an allowed state, judged on the call's context after the state: a refusal, or null */
  guard?: (context: C) => Refusal | null;
}

/** What a refusal's words may depend on. */
export interface RefusalInput<S extends string, E extends string, C> {
  /** the state the event was asked in (null: the aggregate does not exist yet) */
  from: S | null;
  event: E;
  /** the event's label */
  label: string;
  /** the row's `refused` words, or `不能<label>` */
  words: string;
  context: C;
}

export interface StateMachineDef<S extends string, E extends string, C = undefined> {
  /** what the machine is of, in English ("application"): named in programming errors only */
  name: string;
  /** every state with its label shown to users, in the documented order */
  states: Readonly<Record<S, string>>;
  transitions: readonly TransitionDef<S, E, C>[];
  /** the answer to an event not allowed in the state: one code per machine, words per case */
  refusal: {
    code: ReturnCode;
    detail: (r: RefusalInput<S, E, C>) => string;
    fields?: (r: RefusalInput<S, E, C>) => Record<string, unknown> | undefined;
  };
}

/** The context argument of next/refusalOf: optional when the machine's context may be undefined. */
export type ContextArg<C> = undefined extends C ? [context?: C] : [context: C];

export interface StateMachine<S extends string, E extends string, C = undefined> {
  readonly name: string;
  /** the states in the documented order */
  readonly states: readonly S[];
  readonly transitions: readonly TransitionDef<S, E, C>[];
  stateLabel(state: S): string;
  eventLabel(event: E): string;
  /** the event's row (an unknown event is a programming error: Error, not AppError) */
  transitionOf(event: E): TransitionDef<S, E, C>;
  /** whether the table allows the event in the state (null: before the aggregate exists); guards are not asked */
  can(from: S | null, event: E): boolean;
  /** the states the event is allowed in (for conditional UPDATEs that re-check the state in SQL) */
  allowedFrom(event: E): readonly S[];
  /** the state the event leads to */
  targetOf(event: E): S;
  /** the refusal of the event in the state with the context (the table first, then the guard), or null when it is allowed */
  refusalOf(from: S | null, event: E, ...context: ContextArg<C>): AppError | null;
  /** the state after the event, or the refusal thrown (AppError with the machine's code, or the guard's) */
  next(from: S | null, event: E, ...context: ContextArg<C>): S;
}

export function defineStateMachine<S extends string, E extends string, C = undefined>(def: StateMachineDef<S, E, C>): StateMachine<S, E, C> {
  const states = Object.keys(def.states) as S[];
  const byEvent = new Map<E, TransitionDef<S, E, C>>();
  for (const t of def.transitions) {
    if (byEvent.has(t.event)) throw new Error(`${def.name} state machine: event ${t.event} has more than one row`);
    for (const s of [...t.from, t.to]) if (!states.includes(s)) throw new Error(`${def.name} state machine: event ${t.event} names unknown state ${s}`);
    byEvent.set(t.event, t);
  }
  const transitionOf = (event: E): TransitionDef<S, E, C> => {
    const t = byEvent.get(event);
    if (!t) throw new Error(`unknown ${def.name} event ${event}`);
    return t;
  };
  const can = (from: S | null, event: E): boolean => {
    const t = transitionOf(event);
    return from === null ? t.from.length === 0 : t.from.includes(from);
  };
  const refusalOf = (from: S | null, event: E, context?: C): AppError | null => {
    const t = transitionOf(event);
    if (!can(from, event)) {
      const r: RefusalInput<S, E, C> = { from, event, label: t.label, words: t.refused ?? `不能${t.label}`, context: context as C };
      return new AppError(def.refusal.code, def.refusal.detail(r), def.refusal.fields?.(r));
    }
    const refused = t.guard?.(context as C);
    return refused ? new AppError(refused.code, refused.detail, refused.fields) : null;
  };
  return {
    name: def.name,
    states,
    transitions: def.transitions,
    stateLabel: (state) => def.states[state],
    eventLabel: (event) => transitionOf(event).label,
    transitionOf,
    can,
    allowedFrom: (event) => transitionOf(event).from,
    targetOf: (event) => transitionOf(event).to,
    refusalOf: (from, event, ...context) => refusalOf(from, event, context[0]),
    next: (from, event, ...context) => {
      const refused = refusalOf(from, event, context[0]);
      if (refused) throw refused;
      return transitionOf(event).to;
    },
  };
}
