import { Module } from '@nestjs/common';
import { SystemLogController } from './system-log.controller';
import { SystemLogRepository } from './system-log.repository';

/** System log (系统日志): every feature writes its operator-visible events here. */
@Module({
  controllers: [SystemLogController],
  providers: [SystemLogRepository],
  exports: [SystemLogRepository],
})
export class SystemLogModule {}
