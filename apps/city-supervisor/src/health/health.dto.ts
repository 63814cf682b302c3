import { COUNT_BY_STATE, DB_STATE, DB_STATE_MAP } from '@app/common';
import { ApiProperty } from '@nestjs/swagger';

/** GET /health of the city: 503 only when the city's own DB is down. */
export class CityHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty(DB_STATE) cityDb!: string;
  @ApiProperty({ ...DB_STATE_MAP, example: { 'SLQ-410404': 'up' }, description: '各节点运维前置库：up，或 down: <原因>' }) frontDbs!: Record<string, string>;
  @ApiProperty({ ...COUNT_BY_STATE, description: '待送达工单出站队列各状态的行数' }) workOrderOutbox!: Record<string, number>;
}
