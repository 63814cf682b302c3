import { Clock } from '@app/common';
import { EscalationEngine, EscalationRunner, ON_CALL_ROLES, OnCallRole, PolicyBook, Recipient, rosterProblems } from '@app/notify';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { UnitOfWork } from '../database/unit-of-work';
import { SystemLogRepository } from '../system-log';
import { DbEscalationStore } from './db-escalation.store';
import { NotificationChannels } from './notification-channels';
import { channelDisabledReason, enabledChannels, loadPolicies, parseOnCallSeed, policyChannelProblems } from '../config/notification-config';
import { NotifySystemLogger } from './notify-log';
import { OnCallRepository } from './on-call.repository';

/**
 * The escalation engine of the ops node (告警升级): policies from configuration, the DB store, the
 * on-call table as roster and the configured channels; a runner ticks it on ESCALATION_TICK_MS.
 * At boot the on-call table is seeded when empty and the policies are checked against the channels
 * that are switched on and the people on call: every gap is logged and kept for the API.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EscalationService');
  readonly engine: EscalationEngine;
  readonly policies: PolicyBook;
  private readonly runner: EscalationRunner;
  /** what the policies ask of channels that are off, found at boot */
  readonly channelProblems: string[];

  constructor(
    private readonly config: OpsNodeConfig,
    readonly store: DbEscalationStore,
    private readonly roster: OnCallRepository,
    private readonly channels: NotificationChannels,
    private readonly log: SystemLogRepository,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {
    this.policies = loadPolicies(config);
    this.channelProblems = policyChannelProblems(this.policies, enabledChannels(config), (k) => channelDisabledReason(config, k));
    const logger = new NotifySystemLogger(log, () => clock.now());
    this.engine = new EscalationEngine({ store, policies: this.policies, roster, channels: channels.all(), clock, logger });
    this.runner = new EscalationRunner(this.engine, config.ESCALATION_TICK_MS, logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    const seed = parseOnCallSeed(this.config.ON_CALL_SEED).people;
    const seeded = await this.uow.run((tx) => tx.get(OnCallRepository).seedIfEmpty(seed, now), { isolation: 'REPEATABLE READ' });
    if (seeded) this.logger.log({ msg: 'on-call table seeded from ON_CALL_SEED', people: seeded });
    const problems = [...this.channelProblems, ...(await this.rosterProblems())];
    for (const p of problems) this.logger.error({ msg: 'notification setup problem', problem: p });
    if (problems.length) {
      await this.log.write(
        [
          {
            level: 'ERROR',
            category: 'NOTIFY',
            event: 'NOTIFY_SETUP',
            message: `告警通知配置存在 ${problems.length} 个问题：${problems.join('；')}`,
            detail: { problems },
          },
        ],
        now,
      );
    }
    this.logger.log({
      msg: 'escalation running',
      channels: enabledChannels(this.config),
      policies: this.policies.policies.map((p) => ({ name: p.name, responseTimeoutMs: p.responseTimeoutMs, steps: p.steps.length })),
    });
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.engine.close();
    await this.channels.close();
  }

  /** Gaps between the policies and the people on call now (a role with nobody, a person without the address a step needs). */
  async rosterProblems(): Promise<string[]> {
    const roles = {} as Record<OnCallRole, Recipient[]>;
    for (const r of ON_CALL_ROLES) roles[r] = await this.roster.membersOf(r);
    return rosterProblems(this.policies, roles);
  }
}
