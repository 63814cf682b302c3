import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { NodeInfoController } from './node-info.controller';
import { NodeInfoRepository } from './node-info.repository';
import { NodeInfoService } from './node-info.service';
import { UnitOfWork } from '../database/unit-of-work';

/** This node's own registration (节点信息): code, level, contacts; seeded at start. */
@Module({
  controllers: [NodeInfoController],
  providers: [...autocommitProviders(UnitOfWork, [NodeInfoRepository]), NodeInfoService],
  exports: [NodeInfoService],
})
export class NodeInfoModule {}
