import { AppError, ReturnCode, SimControlGuard } from '@app/common';
import { Body, Controller, Get, HttpCode, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { SmscServer } from '../gateway/smsc-server';
import { FaultsPatchDto, toFaultsPatch } from './faults-patch.dto';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'handset number; all handsets when absent' })
  @IsOptional()
  @Matches(/^\+?\d{1,20}$/)
  to?: string;
}

/** Control and inspection of the simulated carrier gateway. */
@ApiTags('短信网关模拟 SMSC simulator')
@ApiBearerAuth()
@UseGuards(SimControlGuard)
@Controller('sim')
export class SimControlController {
  constructor(private readonly smsc: SmscServer) {}

  @Get('inbox')
  @ApiOperation({ summary: '手机收件箱: messages as the handsets received them, reassembled, with each segment’s Msg_Id' })
  inbox(@Query() q: InboxQueryDto) {
    const messages = this.smsc.inbox.list(q.to);
    return { count: messages.length, messages };
  }

  @Get('stats')
  @ApiOperation({ summary: 'Connections, SUBMITs, duplicates per (to, content), reports, heartbeats' })
  stats() {
    return this.smsc.stats();
  }

  @Get('faults')
  @ApiOperation({ summary: 'Faults in force' })
  faults() {
    return this.smsc.faults;
  }

  @Put('faults')
  @ApiOperation({ summary: '故障注入: change faults at runtime (only the fields sent change)' })
  setFaults(@Body() body: FaultsPatchDto) {
    const patch = toFaultsPatch(body);
    if (typeof patch === 'string') throw new AppError(ReturnCode.BAD_PARAMETER, patch);
    return this.smsc.setFaults(patch);
  }

  @Post('faults/reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear every fault' })
  resetFaults() {
    return this.smsc.resetFaults();
  }

  @Post('reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Empty the inbox and zero the counters (faults and connections stay)' })
  reset() {
    this.smsc.reset();
    return this.smsc.stats();
  }
}
