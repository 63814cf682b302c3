import { ApiProperty } from '@nestjs/swagger';
import { DEADLINE_STATES, DeadlineState } from './rules/deadline';

const STATE = { enum: DEADLINE_STATES, enumName: 'DeadlineState' } as const;
const CARDS = { enum: ['YELLOW', 'RED'], enumName: 'DeadlineCard' } as const;

/** The `deadline` block of an application's detail (docs/time-limits.md). */
export class DeadlineDto {
  @ApiProperty({ example: 3, description: '承诺期限（工作日）' }) promisedLimitDays: number;
  @ApiProperty({ example: 15, description: '法定期限（工作日）' }) legalLimitDays: number;
  @ApiProperty({ type: String, format: 'date-time', description: '首次提交时间（计时起点所在日，次日起算）' }) submittedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '部门受理时间（平台取用受理回调）' }) acceptedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', description: '开始计时（提交次日 0 时）' }) clockStartAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '承诺期限截止（该日 23:59:59.999，北京时间）' }) promisedDueAt: Date;
  @ApiProperty({ example: '2026-11-19', description: '承诺办结日期（北京时间）' }) promisedDueDate: string;
  @ApiProperty({ type: String, format: 'date-time', description: '法定期限截止' }) legalDueAt: Date;
  @ApiProperty({ example: '2026-12-07', description: '法定办结日期（北京时间）' }) legalDueDate: string;
  @ApiProperty({ ...STATE, description: '时限状态：NORMAL 正常 / WARNING 黄牌预警 / OVERDUE 红牌逾期' }) state: DeadlineState;
  @ApiProperty({ example: '正常', description: '时限状态名称' }) stateLabel: string;
  @ApiProperty({ description: '补正补齐等待中（计时暂停）' }) paused: boolean;
  @ApiProperty({ example: 1.5, description: '补正补齐暂停的工作日数（保留两位小数）' }) pausedWorkingDays: number;
  @ApiProperty({ description: '已超过法定期限' }) legalExceeded: boolean;
  @ApiProperty({ description: '超过承诺期限的工作日数（未逾期为 0）' }) overdueWorkingDays: number;
  @ApiProperty({ description: '已停止计时（办结，或补正草稿过期）' }) closed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '停止计时时间' }) stoppedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', description: '以上状态的计算时点' }) evaluatedAt: Date;
}

export class CardCountsDto {
  @ApiProperty({ description: '黄牌数' }) yellow: number;
  @ApiProperty({ description: '红牌数' }) red: number;
}

export class DeptCardCountsDto extends CardCountsDto {
  @ApiProperty({ example: 'AMR', description: '部门代码' }) deptCode: string;
}

export class ItemCardCountsDto extends CardCountsDto {
  @ApiProperty({ example: 'AMR-001', description: '事项编码' }) itemCode: string;
  @ApiProperty({ example: 'AMR', description: '部门代码' }) deptCode: string;
}

export class WindowCardCountsDto extends CardCountsDto {
  @ApiProperty({ type: String, nullable: true, example: '01', description: '窗口号（登记人所在窗口；无窗口的账号为空）' }) windowNo: string | null;
}

export class SupervisionSummaryDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '统计起（含）' }) from: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '统计止（不含）' }) to: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '只统计该窗口（窗口人员总是本窗口）' }) windowNo: string | null;
  @ApiProperty({ type: CardCountsDto, description: '合计' }) totals: CardCountsDto;
  @ApiProperty({ type: [DeptCardCountsDto], description: '按部门' }) byDepartment: DeptCardCountsDto[];
  @ApiProperty({ type: [ItemCardCountsDto], description: '按事项' }) byItem: ItemCardCountsDto[];
  @ApiProperty({ type: [WindowCardCountsDto], description: '按窗口' }) byWindow: WindowCardCountsDto[];
}

export class CardEntryDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ ...CARDS, description: '黄牌 / 红牌' }) card: 'YELLOW' | 'RED';
  @ApiProperty({ type: String, format: 'date-time', description: '亮牌时间（进入预警 / 逾期的时刻）' }) cardedAt: Date;
  @ApiProperty({ description: '事项编码' }) itemCode: string;
  @ApiProperty({ description: '部门代码' }) deptCode: string;
  @ApiProperty({ type: String, nullable: true, description: '窗口号' }) windowNo: string | null;
  @ApiProperty({ ...STATE, description: '当前时限状态' }) state: DeadlineState;
  @ApiProperty({ description: '时限状态名称' }) stateLabel: string;
  @ApiProperty({ type: String, format: 'date-time', description: '承诺期限截止' }) promisedDueAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '法定期限截止' }) legalDueAt: Date;
  @ApiProperty({ description: '已超过法定期限' }) legalExceeded: boolean;
  @ApiProperty({ description: '超过承诺期限的工作日数' }) overdueWorkingDays: number;
  @ApiProperty({ description: '补正补齐等待中' }) paused: boolean;
  @ApiProperty({ description: '已停止计时（办结或过期）' }) closed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '停止计时时间' }) stoppedAt: Date | null;
}

export class CardPageDto {
  @ApiProperty({ description: '符合条件的总数' }) total: number;
  @ApiProperty({ description: '页码（从 1 开始）' }) page: number;
  @ApiProperty({ description: '每页条数' }) pageSize: number;
  @ApiProperty({ type: [CardEntryDto] }) items: CardEntryDto[];
}
