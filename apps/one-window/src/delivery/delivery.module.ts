import { Module } from '@nestjs/common';
import { ApplicationScope } from '../applications/application-scope';
import { DeliveryController } from './delivery.controller';
import { RecordDeliveryUseCase } from './record-delivery.use-case';

/** 出件 after 办结 (docs/delivery-states.md); its record shows in the application detail and timeline. */
@Module({
  controllers: [DeliveryController],
  providers: [RecordDeliveryUseCase, ApplicationScope],
})
export class DeliveryModule {}
