import { AppError, ReturnCode, SimControlGuard } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Mailbox } from '../smtp/mailbox';

export class MailQueryDto {
  @ApiPropertyOptional({ description: 'recipient address (envelope or To/Cc); every message when absent' })
  @IsOptional()
  @IsEmail({ allow_display_name: false, require_tld: false })
  to?: string;
}

export class MailFaultsPatchDto {
  @ApiPropertyOptional({ description: 'addresses whose RCPT TO is refused with 550', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsEmail({ require_tld: false }, { each: true })
  rejectRecipients?: string[];

  @ApiPropertyOptional({ description: 'refuse the next n messages with 451 (temporary failure)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  tempFailNext?: number;
}

/** Read what the development SMTP server received, and make it misbehave. */
@ApiTags('邮件服务器模拟 mail simulator')
@ApiBearerAuth()
@UseGuards(SimControlGuard)
@Controller('sim')
export class MailSimController {
  constructor(private readonly mailbox: Mailbox) {}

  @Get('mails')
  @ApiOperation({ summary: '收到的邮件 (parsed): envelope, headers, subject, text' })
  mails(@Query() q: MailQueryDto) {
    const mails = this.mailbox.list(q.to);
    return { count: mails.length, mails };
  }

  @Delete('mails')
  @ApiOperation({ summary: 'Empty the mailbox and zero the counters (faults stay)' })
  clear() {
    this.mailbox.clear();
    return this.mailbox.stats();
  }

  @Get('stats')
  @ApiOperation({ summary: 'Messages stored, accepted, refused by fault, unparseable' })
  stats() {
    return this.mailbox.stats();
  }

  @Get('faults')
  faults() {
    return this.mailbox.faults;
  }

  @Put('faults')
  @ApiOperation({ summary: '故障注入: only the fields sent change' })
  setFaults(@Body() body: MailFaultsPatchDto) {
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) throw new AppError(ReturnCode.BAD_PARAMETER, 'no fault field given');
    return this.mailbox.setFaults(patch);
  }

  @Post('faults/reset')
  @HttpCode(200)
  resetFaults() {
    return this.mailbox.resetFaults();
  }
}
