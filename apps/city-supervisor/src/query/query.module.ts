import { Module } from '@nestjs/common';
import { MonitorController } from './monitor.controller';
import { MonitorQuery } from './monitor.query';

@Module({ controllers: [MonitorController], providers: [MonitorQuery], exports: [MonitorQuery] })
export class QueryModule {}
