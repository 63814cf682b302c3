import { ApiProperty } from '@nestjs/swagger';

/** GET /health/live: the process answers; nothing behind it is checked. */
export class LivenessDto {
  @ApiProperty({ enum: ['up'], example: 'up' }) status!: 'up';
}

export const LIVE: LivenessDto = { status: 'up' };
