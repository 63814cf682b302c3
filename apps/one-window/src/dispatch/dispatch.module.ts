import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DepartmentNotifier } from './department-notifier';
import { DispatchBatchUseCase } from './dispatch-batch.use-case';
import { DispatchWorker } from './dispatch.worker';
import { ExchangeDepartmentNotifier } from './exchange-department.notifier';
import { OutboxReconcileJob } from './outbox-reconcile.job';

@Module({
  imports: [CatalogModule],
  providers: [DispatchBatchUseCase, DispatchWorker, OutboxReconcileJob, { provide: DepartmentNotifier, useClass: ExchangeDepartmentNotifier }],
  exports: [DispatchWorker],
})
export class DispatchModule {}
