import { Module } from '@nestjs/common';
import { WorkOrdersModule } from '../work-orders';
import { CityInboundController } from './city-inbound.controller';
import { InboundRepository } from './inbound.repository';
import { ReceiveCityMessageUseCase } from './receive-city-message.use-case';

/** What the city sends down (REST here, SOAP mounted by main.ts with mountCityInboundSoap). */
@Module({
  imports: [WorkOrdersModule],
  controllers: [CityInboundController],
  providers: [InboundRepository, ReceiveCityMessageUseCase],
})
export class InboundModule {}
