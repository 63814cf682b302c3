// The intake feature's public surface (reports from the district nodes): other features import from here only.
export { IntakeModule } from './intake.module';
export { ReceiveReportUseCase } from './receive-report.use-case';
export { mountSecureMessageJsonParser, SECURE_MESSAGE_HTTP_PATH } from './secure-message.body-parser';
export { mountSecureMessageSoap, SECURE_MESSAGE_SOAP_PATH } from './secure-message.soap';
