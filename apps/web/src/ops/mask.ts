// the masking rules are shared by the consoles: apps/web/src/shared/mask.ts
export { maskEmail, maskPhone, maskRecipient, maskText } from '@web/shared/mask';
