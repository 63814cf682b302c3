import { downlinkSoapHandler, DOWNLINK_SOAP, readWsdl } from '@app/exchange-contract';
import { mountSoapService, soapLoggerOf } from '@app/soap-kit';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { DeptSimConfig } from '../config/dept-sim.config';
import { SimDepartments } from '../core/sim-departments';
import { ReceiveDownlinkUseCase } from './receive-downlink.use-case';

/** DeliverDownlink per simulated department at /dept/<code>/ws/downlink (the ops node forwards national data here). */
export function mountDownlinkSoapServices(app: NestExpressApplication, config: DeptSimConfig): void {
  const depts = app.get(SimDepartments);
  const receive = app.get(ReceiveDownlinkUseCase);
  const logger = new Logger('DownlinkSoap');
  const http = app.getHttpAdapter().getInstance() as express.Express;
  const wsdl = readWsdl(DOWNLINK_SOAP.wsdl);
  for (const dept of depts.all()) {
    const path = `/dept/${dept.code}/ws/downlink`;
    mountSoapService(http, {
      path,
      wsdlXml: wsdl.replace(/http:\/\/127\.0\.0\.1:7200\/dept\/AMR\/ws\/downlink/g, `${config.DEPT_SIM_URL.replace(/\/$/, '')}${path}`),
      handlers: { [DOWNLINK_SOAP.operation]: downlinkSoapHandler((d) => receive.execute(dept, d, 'soap')) },
      lookupPassword: (u) => (u === dept.config.platformCredential.username ? dept.config.platformCredential.password : undefined),
      replayCache: dept.nonces,
      bodyLimitBytes: config.SOAP_BODY_LIMIT_BYTES,
      handlerTimeoutMs: config.SOAP_HANDLER_TIMEOUT_MS,
      logger: soapLoggerOf(logger, { dept: dept.code }),
    });
  }
}
