import { readOpsWsdl, SECURE_MESSAGE_SOAP, secureMessageSoapHandler } from '@app/ops-contract';
import { mountSoapService, soapLoggerOf } from '@app/soap-kit';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { CityConfig } from '../config/city.config';
import { ReceiveReportUseCase } from './receive-report.use-case';

export const SECURE_MESSAGE_SOAP_PATH = '/ws/ops/secure-message';

/** Serves SubmitMessage (SOAP 1.1 and 1.2). The message signs itself, so no WS-Security header is checked. */
export function mountSecureMessageSoap(app: NestExpressApplication, config: CityConfig): void {
  const receive = app.get(ReceiveReportUseCase);
  const logger = new Logger('SecureMessageSoap');
  mountSoapService(app.getHttpAdapter().getInstance() as express.Express, {
    path: SECURE_MESSAGE_SOAP_PATH,
    wsdlXml: readOpsWsdl(config.PUBLIC_URL.replace(/\/+$/, '')),
    handlers: { [SECURE_MESSAGE_SOAP.operation]: secureMessageSoapHandler((raw, ctx) => receive.execute(raw, 'soap', ctx.correlationId)) },
    authentication: 'in-message',
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    handlerTimeoutMs: config.SOAP_HANDLER_TIMEOUT_MS,
    logger: soapLoggerOf(logger),
  });
}
