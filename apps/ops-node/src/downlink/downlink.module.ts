import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { DownlinkDeliverJob } from './downlink-deliver.job';
import { DownlinkDeliveryRepository } from './downlink-delivery.repository';
import { OpsFrontRepository } from './ops-front.repository';
import { DownlinkController } from './downlink.controller';
import { DownlinkScanJob } from './downlink-scan.job';
import { UnitOfWork } from '../database/unit-of-work';

/** Downlink (下行转发): what the city leaves in the ops front DB, picked up and delivered. */
@Module({
  controllers: [DownlinkController],
  providers: [...autocommitProviders(UnitOfWork, [DownlinkDeliveryRepository]), OpsFrontRepository, DownlinkDeliverJob, DownlinkScanJob],
  // health reports the scan's totals
  exports: [DownlinkScanJob],
})
export class DownlinkModule {}
