import { Public, Role, Roles } from '@app/accounts';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EscalationService } from './escalation.service';
import { NotificationChannels } from './notification-channels';
import { AttemptQuery, EscalationQuery, VoiceCallbackDto } from './notifications.dto';
import { presentAttempt, presentEscalation } from './notifications.presenter';
import { ChannelsOverviewDto, EscalationDto, NotifyAttemptDto, VoiceCallbackResultDto } from './notifications.responses';

@ApiTags('告警通知 notifications')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/notifications')
export class NotificationsController {
  constructor(
    private readonly escalation: EscalationService,
    private readonly channels: NotificationChannels,
  ) {}

  @Get()
  @ApiOperation({ summary: '告警通知升级：每条告警的升级步骤、各步的通知对象与方式、恢复通知及全部发送记录（可按告警编号筛选）' })
  @ApiOkResponse({ type: EscalationDto, isArray: true })
  async list(@Query() q: EscalationQuery) {
    const states = await this.escalation.store.list({ alertId: q.alertId, status: q.status, limit: q.limit ?? 100 });
    const attempts = await this.escalation.store.attemptsOf(states.map((s) => s.alertId));
    return states.map((s) =>
      presentEscalation(
        s,
        this.escalation.policies.get(s.policy),
        attempts.filter((a) => a.alertId === s.alertId),
      ),
    );
  }

  @Get('attempts')
  @ApiOperation({ summary: '通知发送记录（邮件、短信、语音电话）：渠道、接收人、状态、服务商编号、错误、时间' })
  @ApiOkResponse({ type: NotifyAttemptDto, isArray: true })
  async attempts(@Query() q: AttemptQuery): Promise<NotifyAttemptDto[]> {
    const rows = q.alertId ? await this.escalation.store.listAttempts(q.alertId) : await this.escalation.store.recentAttempts(q.limit ?? 200);
    return rows.map(presentAttempt);
  }

  @Get('channels')
  @ApiOperation({ summary: '通知渠道状态与配置问题（停用的渠道、值班表缺口）' })
  @ApiOkResponse({ type: ChannelsOverviewDto })
  async status() {
    return {
      channels: this.channels.status(),
      policies: this.escalation.policies.policies,
      problems: [...this.escalation.channelProblems, ...(await this.escalation.rosterProblems())],
    };
  }

  @Post('voice-callback')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '语音网关回调：呼叫结果（接听、未接、忙、失败）' })
  @ApiOkResponse({ type: VoiceCallbackResultDto })
  voiceCallback(@Body() dto: VoiceCallbackDto, @Query('sig') sig?: string): VoiceCallbackResultDto {
    // the per-call signature in the callback URL authenticates the gateway (see VoiceChannel)
    const matched =
      this.channels.voice?.handleResult(
        { callId: dto.callId, requestId: dto.requestId, callee: dto.callee, outcome: dto.outcome, endedAt: dto.endedAt },
        sig,
      ) ?? false;
    return { matched };
  }
}
