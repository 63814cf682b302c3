import { Principal, Role } from '@app/accounts';
import { AppError, ReturnCode } from '@app/common';
import { Clock } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { DeadlineCalculator } from './deadline.calculator';
import { DeadlineRecord, DeadlineRepository } from './deadline.repository';
import { DEADLINE_STATE_LABEL } from './rules/deadline';
import { SUPERVISION_CLOCK } from './supervision-clock';
import { DAY_MS } from './rules/holiday-calendar';
import { CardPageDto, DeadlineDto, SupervisionSummaryDto } from './supervision.responses';
import { CardsQuery, SupervisionRangeQuery } from './supervision.query-params';

/** The 电子监察 read side: card statistics, card lists and the deadline block of one application. */
@Injectable()
export class SupervisionQuery {
  constructor(
    private readonly repo: DeadlineRepository,
    private readonly calculator: DeadlineCalculator,
    @Inject(SUPERVISION_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The window the caller may see (application-scope.ts): the 审批账号 the whole hall or the window
   * asked for; a 窗口人员 only their own, asking for another is 6009.
   */
  windowScope(p: Principal, asked: string | undefined): string | undefined {
    if (p.role === Role.APPROVER) return asked;
    if (!p.windowNo) throw new AppError(ReturnCode.DATA_SCOPE_FORBIDDEN, '账号未分配窗口，不能查看电子监察统计');
    if (asked && asked !== p.windowNo) throw new AppError(ReturnCode.DATA_SCOPE_FORBIDDEN, `只能查看本窗口（${p.windowNo} 号窗口）的电子监察统计`);
    return p.windowNo;
  }

  async summary(q: SupervisionRangeQuery, p: Principal): Promise<SupervisionSummaryDto> {
    const range = { ...this.range(q.from, q.to), windowNo: this.windowScope(p, q.windowNo) };
    const [dept, item, win] = await Promise.all([
      this.repo.cardCounts('dept_code', range),
      this.repo.cardCounts('item_code', range),
      this.repo.cardCounts('window_no', range),
    ]);
    const sum = (k: 'yellow' | 'red') => dept.reduce((n, r) => n + r[k], 0);
    return {
      from: range.from ?? null,
      to: range.to ?? null,
      windowNo: range.windowNo ?? null,
      totals: { yellow: sum('yellow'), red: sum('red') },
      byDepartment: dept.map((r) => ({ deptCode: r.key ?? '', yellow: r.yellow, red: r.red })),
      byItem: item.map((r) => ({ itemCode: r.key ?? '', deptCode: r.deptCode, yellow: r.yellow, red: r.red })),
      byWindow: win.map((r) => ({ windowNo: r.key, yellow: r.yellow, red: r.red })),
    };
  }

  async cards(q: CardsQuery, p: Principal): Promise<CardPageDto> {
    const windowNo = this.windowScope(p, q.windowNo);
    const { from, to } = this.range(q.from, q.to);
    const [rows, total] = await this.repo.cards({
      card: q.card,
      deptCode: q.deptCode,
      itemCode: q.itemCode,
      windowNo,
      from,
      to,
      page: q.page,
      pageSize: q.pageSize,
    });
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => ({
        applyNo: r.applyNo,
        card: r.card,
        cardedAt: r.cardedAt,
        itemCode: r.itemCode,
        deptCode: r.deptCode,
        windowNo: r.windowNo,
        state: r.state,
        stateLabel: DEADLINE_STATE_LABEL[r.state],
        promisedDueAt: r.promisedDueAt,
        legalDueAt: r.legalDueAt,
        legalExceeded: r.legalExceeded,
        overdueWorkingDays: r.overdueWorkingDays,
        paused: r.paused,
        closed: r.closed,
        stoppedAt: r.stoppedAt,
      })),
    };
  }

  /**
   * The `deadline` block of the application detail, computed now from the stored facts (so it is
   * there right after the submission, for the receipt); null while version 1 is not submitted.
   * The statistics and lists read the job's table instead.
   */
  async forApplication(applyNo: string): Promise<DeadlineDto | null> {
    const [source] = await this.repo.sources([applyNo]);
    const r = source ? this.calculator.compute(source, this.clock.now()) : null;
    return r ? toDeadlineDto(r) : null;
  }

  private range(from?: string, to?: string): { from?: Date; to?: Date } {
    const r = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    if (r.from && r.to && r.from >= r.to) throw new AppError(ReturnCode.BAD_PARAMETER, '统计起始时间须早于截止时间', { field: 'from' });
    return r;
  }
}

export function toDeadlineDto(r: DeadlineRecord): DeadlineDto {
  const v = r.view;
  return {
    promisedLimitDays: r.promisedDays,
    legalLimitDays: r.legalDays,
    submittedAt: r.submittedAt,
    acceptedAt: r.acceptedAt,
    clockStartAt: v.clockStartAt,
    promisedDueAt: v.promisedDueAt,
    promisedDueDate: v.promisedDueDate,
    legalDueAt: v.legalDueAt,
    legalDueDate: v.legalDueDate,
    state: v.state,
    stateLabel: DEADLINE_STATE_LABEL[v.state],
    paused: v.paused,
    pausedWorkingDays: Math.round((v.pausedWorkingMs / DAY_MS) * 100) / 100,
    legalExceeded: v.legalExceeded,
    overdueWorkingDays: v.overdueWorkingDays,
    closed: v.closed,
    stoppedAt: v.stoppedAt,
    evaluatedAt: v.evaluatedAt,
  };
}
