import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DispatchHoldController } from './dispatch-hold.controller';

@Module({ imports: [AuthModule], controllers: [DispatchHoldController] })
export class OpsModule {}
