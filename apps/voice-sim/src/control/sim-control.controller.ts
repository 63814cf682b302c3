import { AppError, ReturnCode, SimControlGuard } from '@app/common';
import { Body, Controller, Get, HttpCode, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VoiceFaults } from '../gateway/voice-faults';
import { VoiceGateway } from '../gateway/voice-gateway';
import { CallsQueryDto, VoiceFaultsPatchDto } from './voice-call.dto';

/** Inspection and fault injection of the simulated voice gateway. */
@ApiTags('语音网关模拟 voice simulator')
@ApiBearerAuth()
@UseGuards(SimControlGuard)
@Controller('sim')
export class SimControlController {
  constructor(private readonly gateway: VoiceGateway) {}

  @Get('calls')
  @ApiOperation({ summary: 'Every call (optionally of one callee), oldest first' })
  calls(@Query() q: CallsQueryDto) {
    const calls = this.gateway.list(q.callee);
    return { count: calls.length, calls };
  }

  @Get('stats')
  stats() {
    return this.gateway.stats();
  }

  @Get('faults')
  faults() {
    return this.gateway.faults;
  }

  @Put('faults')
  @ApiOperation({ summary: '故障注入: only the fields sent change; noAnswer and busy are replaced as a whole' })
  setFaults(@Body() body: VoiceFaultsPatchDto) {
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<VoiceFaults>;
    if (Object.keys(patch).length === 0) throw new AppError(ReturnCode.BAD_PARAMETER, 'no fault field given');
    return this.gateway.setFaults(patch);
  }

  @Post('faults/reset')
  @HttpCode(200)
  resetFaults() {
    return this.gateway.resetFaults();
  }

  @Post('reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Forget every call and zero the counters (faults stay)' })
  reset() {
    this.gateway.reset();
    return this.gateway.stats();
  }
}
