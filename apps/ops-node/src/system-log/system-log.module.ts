import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { SystemLogController } from './system-log.controller';
import { SystemLogRepository } from './system-log.repository';
import { UnitOfWork } from '../database/unit-of-work';

/** System log (系统日志): every feature writes its operator-visible events here. */
@Module({
  controllers: [SystemLogController],
  providers: [...autocommitProviders(UnitOfWork, [SystemLogRepository])],
  exports: [SystemLogRepository],
})
export class SystemLogModule {}
