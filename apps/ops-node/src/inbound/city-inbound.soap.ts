import { readOpsWsdl, SECURE_MESSAGE_SOAP, secureMessageSoapHandler } from '@app/ops-contract';
import { mountSoapService, soapLoggerOf } from '@app/soap-kit';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { OpsNodeConfig } from '../config/ops-node.config';
import { ReceiveCityMessageUseCase } from './receive-city-message.use-case';

export const OPS_INBOUND_SOAP_PATH = '/ws/ops/secure-message';

/** The same contract as the city's, served by the district for what the city sends down. */
export function mountCityInboundSoap(app: NestExpressApplication, config: OpsNodeConfig): void {
  const receive = app.get(ReceiveCityMessageUseCase);
  const logger = new Logger('CityInboundSoap');
  mountSoapService(app.getHttpAdapter().getInstance() as express.Express, {
    path: OPS_INBOUND_SOAP_PATH,
    wsdlXml: readOpsWsdl(config.PUBLIC_URL),
    authentication: 'in-message',
    handlers: { [SECURE_MESSAGE_SOAP.operation]: secureMessageSoapHandler((args, ctx) => receive.execute(args, 'soap', ctx.correlationId)) },
    bodyLimitBytes: config.SOAP_BODY_LIMIT_BYTES,
    handlerTimeoutMs: config.SOAP_HANDLER_TIMEOUT_MS,
    logger: soapLoggerOf(logger),
  });
}
