/** Stages of a record in the front-end database, as written in ex_shadow.stage. */
export enum Stage {
  ACCEPTANCE = 'ACCEPTANCE', // 受理数据 dispatched by the platform
  SUPPLEMENT = 'SUPPLEMENT', // 补正补齐
  ACCEPT = 'ACCEPT', // 受理
  CONCLUDE = 'CONCLUDE', // 办结
}

export type CallbackStage = Stage.SUPPLEMENT | Stage.ACCEPT | Stage.CONCLUDE;
export const CALLBACK_STAGES: readonly CallbackStage[] = [Stage.SUPPLEMENT, Stage.ACCEPT, Stage.CONCLUDE];

/** Order in which callbacks of one version are taken; a later stage waits for the earlier one. */
export const STAGE_RANK: Record<Stage, number> = {
  [Stage.ACCEPTANCE]: 0,
  [Stage.SUPPLEMENT]: 1,
  [Stage.ACCEPT]: 1,
  [Stage.CONCLUDE]: 2,
};

export const STAGE_LABEL: Record<Stage, string> = {
  [Stage.ACCEPTANCE]: '受理数据分发',
  [Stage.SUPPLEMENT]: '补正补齐',
  [Stage.ACCEPT]: '受理',
  [Stage.CONCLUDE]: '办结',
};

export enum ShadowEvent {
  WRITTEN = 'WRITTEN', // the writer inserted the record
  TAKEN = 'TAKEN', // the reader durably took the record up
}

export enum ConcludeOutcome {
  APPROVED = 'APPROVED', // 准予
  REJECTED = 'REJECTED', // 不予
}

/** The party name the platform uses in ex_shadow.party. */
export const PLATFORM_PARTY = 'PLATFORM';
