import { PlatformV11795314206658 } from './1795314206658-PlatformV1';
import { SeedCatalog1795314300000 } from './1795314300000-SeedCatalog';
import { DispatchHold1795314500000 } from './1795314500000-DispatchHold';
import { WidenJsonColumns1795314600000 } from './1795314600000-WidenJsonColumns';
import { RegistrationIdempotencyDraftExpiry1795320000000 } from './1795320000000-RegistrationIdempotencyDraftExpiry';

export const PLATFORM_MIGRATIONS = [
  PlatformV11795314206658,
  SeedCatalog1795314300000,
  DispatchHold1795314500000,
  WidenJsonColumns1795314600000,
  RegistrationIdempotencyDraftExpiry1795320000000,
];
