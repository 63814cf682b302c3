import { CALLBACK_SOAP, notificationHandler, parseNotifyCallback, readWsdl } from '@app/exchange-contract';
import { mountSoapService, soapLoggerOf } from '@app/soap-kit';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { OneWindowConfig } from '../config/one-window.config';
import { ReceiveCallbackNotificationUseCase } from './receive-callback-notification.use-case';

export const CALLBACK_SOAP_PATH = '/ws/exchange/callback';

/** Serves NotifyCallback (SOAP 1.1 and 1.2) through the hardened kit. */
export function mountCallbackSoapService(app: NestExpressApplication, config: OneWindowConfig): void {
  const receive = app.get(ReceiveCallbackNotificationUseCase);
  const logger = new Logger('CallbackSoap');
  mountSoapService(app.getHttpAdapter().getInstance() as express.Express, {
    path: CALLBACK_SOAP_PATH,
    wsdlXml: readWsdl(CALLBACK_SOAP.wsdl).replace(/http:\/\/127\.0\.0\.1:7100/g, config.PUBLIC_URL),
    handlers: {
      [CALLBACK_SOAP.operation]: notificationHandler(parseNotifyCallback, (req, ctx) => receive.execute(req, ctx.username, ctx.correlationId)),
    },
    lookupPassword: receive.lookupPassword,
    replayCache: receive.nonces, // the HTTP/JSON intake's store too
    bodyLimitBytes: config.SOAP_BODY_LIMIT_BYTES,
    handlerTimeoutMs: config.SOAP_HANDLER_TIMEOUT_MS,
    logger: soapLoggerOf(logger),
  });
}
