import { ACCEPTANCE_SOAP, notificationHandler, parseNotifyAcceptance, readWsdl } from '@app/exchange-contract';
import { mountSoapService, soapLoggerOf } from '@app/soap-kit';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { DeptSimConfig } from '../config/dept-sim.config';
import { SimDepartments } from '../core/sim-departments';
import { ReceiveAcceptanceNotificationUseCase } from './receive-acceptance-notification.use-case';

/** One hardened SOAP endpoint per simulated department at /dept/<code>/ws/acceptance. */
export function mountAcceptanceSoapServices(app: NestExpressApplication, config: DeptSimConfig): void {
  const depts = app.get(SimDepartments);
  const receive = app.get(ReceiveAcceptanceNotificationUseCase);
  const logger = new Logger('AcceptanceSoap');
  const http = app.getHttpAdapter().getInstance() as express.Express;
  const wsdl = readWsdl(ACCEPTANCE_SOAP.wsdl);
  for (const dept of depts.all()) {
    const path = `/dept/${dept.code}/ws/acceptance`;
    mountSoapService(http, {
      path,
      wsdlXml: wsdl.replace(/http:\/\/127\.0\.0\.1:7200\/dept\/AMR\/ws\/acceptance/g, `${config.DEPT_SIM_URL.replace(/\/$/, '')}${path}`),
      handlers: {
        [ACCEPTANCE_SOAP.operation]: notificationHandler(parseNotifyAcceptance, (req, ctx) => receive.execute(dept, req, ctx.username, ctx.correlationId)),
      },
      lookupPassword: (u) => (u === dept.config.platformCredential.username ? dept.config.platformCredential.password : undefined),
      replayCache: dept.nonces,
      bodyLimitBytes: config.SOAP_BODY_LIMIT_BYTES,
      handlerTimeoutMs: config.SOAP_HANDLER_TIMEOUT_MS,
      logger: soapLoggerOf(logger, { dept: dept.code }),
    });
  }
}
