import { ApplicationMaterialEntity } from '../applications/application-material.entity';
import { ApplicationVersionEntity } from '../applications/application-version.entity';
import { ApplicationEntity } from '../applications/application.entity';
import { ApplyNoSeqEntity } from '../applications/apply-no-seq.entity';
import { RegistrationIdempotencyEntity } from '../applications/registration-idempotency.entity';
import { CallbackInboxEntity } from '../callbacks/callback-inbox.entity';
import { ResultFileEntity } from '../callbacks/result-file.entity';
import { ItemEntity } from '../catalog/item.entity';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { DispatchOutboxEntity } from '../dispatch/dispatch-outbox.entity';
import { DispatchHoldEntity } from '../ops/dispatch-hold.entity';
import { MaterialCheckEntity } from '../documents/material-check.entity';
import { ApplicantSmsEntity, ApplicantSmsSegmentEntity } from '../applicant-sms/applicant-sms.entity';

export const PLATFORM_ENTITIES = [
  ItemEntity,
  ApplicationEntity,
  ApplicationVersionEntity,
  ApplicationMaterialEntity,
  ApplyNoSeqEntity,
  DispatchOutboxEntity,
  CallbackInboxEntity,
  ResultFileEntity,
  DispatchHoldEntity,
  RegistrationIdempotencyEntity,
  MaterialCheckEntity,
  DeliveryEntity,
  ApplicantSmsEntity,
  ApplicantSmsSegmentEntity,
];
