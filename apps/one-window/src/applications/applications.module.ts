import { Module } from '@nestjs/common';
import { ApplicantLookupController } from '../applicants/applicant-lookup.controller';
import { CatalogModule } from '../catalog/catalog.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { TimelineService } from '../tracking/timeline.service';
import { ApplicationsController } from './applications.controller';
import { ApplicationScope } from './application-scope';
import { ApplicationsQuery } from './applications.query';
import { DraftExpiryJob } from './draft-expiry.job';
import { RegisterApplicationUseCase } from './use-cases/register-application.use-case';
import { StartResubmissionUseCase } from './use-cases/start-resubmission.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application.use-case';
import { UploadMaterialUseCase } from './use-cases/upload-material.use-case';

@Module({
  imports: [CatalogModule, SupervisionModule],
  controllers: [ApplicationsController, ApplicantLookupController],
  providers: [
    RegisterApplicationUseCase,
    UploadMaterialUseCase,
    SubmitApplicationUseCase,
    StartResubmissionUseCase,
    ApplicationsQuery,
    ApplicationScope,
    TimelineService,
    DraftExpiryJob,
  ],
})
export class ApplicationsModule {}
