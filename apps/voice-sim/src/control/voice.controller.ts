import { AppError, ReturnCode } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallbackNotAllowedError, VoiceGateway, VoiceGatewayDownError } from '../gateway/voice-gateway';
import { PlaceCallDto } from './voice-call.dto';

/** The gateway API a caller (the ops node) uses: place a TTS call, read its outcome. */
@ApiTags('语音网关 voice gateway')
@Controller('voice/calls')
export class VoiceController {
  constructor(private readonly gateway: VoiceGateway) {}

  @Post()
  @ApiOperation({ summary: '语音外呼: place a text-to-speech call; 201 new, 200 when the requestId already has a call' })
  place(@Body() dto: PlaceCallDto, @Res({ passthrough: true }) res: Response) {
    const { call, created } = guard(() => this.gateway.place(dto));
    res.status(created ? 201 : 200);
    return call;
  }

  @Get(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'A call and, once it ended, its outcome (answered / no-answer / busy / failed)' })
  get(@Param('id') id: string) {
    const call = guard(() => this.gateway.get(id));
    if (!call) throw AppError.notFound(`呼叫 ${id} 不存在`);
    return call;
  }
}

export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof VoiceGatewayDownError) throw new AppError(ReturnCode.PEER_UNAVAILABLE, err.message);
    if (err instanceof CallbackNotAllowedError) throw new AppError(ReturnCode.BAD_PARAMETER, err.message);
    throw err;
  }
}
