import { Module } from '@nestjs/common';
import { CallbackNotificationController } from './callback-notification.controller';
import { CallbackScanJob } from './callback-scan.job';
import { ReceiveCallbackNotificationUseCase } from './receive-callback-notification.use-case';
import { TakeCallbackUseCase } from './take-callback.use-case';

@Module({
  controllers: [CallbackNotificationController],
  providers: [TakeCallbackUseCase, ReceiveCallbackNotificationUseCase, CallbackScanJob],
  exports: [ReceiveCallbackNotificationUseCase, CallbackScanJob],
})
export class CallbacksModule {}
