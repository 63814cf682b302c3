import { Module } from '@nestjs/common';
import { DownlinkScheduleJob } from './downlink-schedule.job';
import { DownlinkController } from './downlink.controller';
import { DownlinkService } from './downlink.service';
import { FrontDbPools } from './front-db-pools';

@Module({ controllers: [DownlinkController], providers: [DownlinkService, FrontDbPools, DownlinkScheduleJob], exports: [FrontDbPools] })
export class DownlinkModule {}
