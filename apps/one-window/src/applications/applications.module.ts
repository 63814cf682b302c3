import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { TimelineService } from '../tracking/timeline.service';
import { ApplicationsController } from './applications.controller';
import { ApplicationsQuery } from './applications.query';
import { DraftExpiryJob } from './draft-expiry.job';
import { RegisterApplicationUseCase } from './use-cases/register-application.use-case';
import { StartResubmissionUseCase } from './use-cases/start-resubmission.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application.use-case';
import { UploadMaterialUseCase } from './use-cases/upload-material.use-case';

@Module({
  imports: [CatalogModule, AuthModule],
  controllers: [ApplicationsController],
  providers: [RegisterApplicationUseCase, UploadMaterialUseCase, SubmitApplicationUseCase, StartResubmissionUseCase, ApplicationsQuery, TimelineService, DraftExpiryJob],
})
export class ApplicationsModule {}
