import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { WorkOrdersModule } from '../work-orders';
import { CityInboundController } from './city-inbound.controller';
import { InboundRepository } from './inbound.repository';
import { ReceiveCityMessageUseCase } from './receive-city-message.use-case';
import { UnitOfWork } from '../database/unit-of-work';

/** What the city sends down (REST here, SOAP mounted by main.ts with mountCityInboundSoap). */
@Module({
  imports: [WorkOrdersModule],
  controllers: [CityInboundController],
  providers: [...autocommitProviders(UnitOfWork, [InboundRepository]), ReceiveCityMessageUseCase],
})
export class InboundModule {}
