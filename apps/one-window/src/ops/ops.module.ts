import { Module } from '@nestjs/common';
import { DispatchHoldController } from './dispatch-hold.controller';

@Module({ controllers: [DispatchHoldController] })
export class OpsModule {}
