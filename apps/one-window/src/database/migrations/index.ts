import { SecurityAccounts1796000000000 } from '@app/accounts';
import { PlatformV11795314206658 } from './1795314206658-PlatformV1';
import { SeedCatalog1795314300000 } from './1795314300000-SeedCatalog';
import { DispatchHold1795314500000 } from './1795314500000-DispatchHold';
import { WidenJsonColumns1795314600000 } from './1795314600000-WidenJsonColumns';
import { WsNonce1795314680000 } from './1795314680000-WsNonce';
import { RegistrationIdempotencyDraftExpiry1795320000000 } from './1795320000000-RegistrationIdempotencyDraftExpiry';
import { ClerksToAccounts1796000000001 } from './1796000000001-ClerksToAccounts';
import { EncryptApplicantPii1796000000002 } from './1796000000002-EncryptApplicantPii';
import { ItemFormFields1797000000100 } from './1797000000100-ItemFormFields';
import { ApplicationDelivery1797000000200 } from './1797000000200-ApplicationDelivery';
import { ApplicationDeadline1797000000400 } from './1797000000400-ApplicationDeadline';
import { MaterialCheck1797000000500 } from './1797000000500-MaterialCheck';
import { ApplicantSms1797000000600 } from './1797000000600-ApplicantSms';
import { EncryptDeliveryAddressFormData1797000000700 } from './1797000000700-EncryptDeliveryAddressFormData';

export const PLATFORM_MIGRATIONS = [
  PlatformV11795314206658,
  SeedCatalog1795314300000,
  DispatchHold1795314500000,
  WidenJsonColumns1795314600000,
  WsNonce1795314680000,
  RegistrationIdempotencyDraftExpiry1795320000000,
  SecurityAccounts1796000000000,
  ClerksToAccounts1796000000001,
  EncryptApplicantPii1796000000002,
  ItemFormFields1797000000100,
  ApplicationDelivery1797000000200,
  ApplicationDeadline1797000000400,
  MaterialCheck1797000000500,
  ApplicantSms1797000000600,
  EncryptDeliveryAddressFormData1797000000700,
];
