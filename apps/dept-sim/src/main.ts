import 'reflect-metadata';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DeptSimModule } from './app.module';
import { loadDeptSimConfig } from './config/dept-sim.config';
import { mountDownlinkSoapServices } from './downlink/downlink-delivery.soap';
import { mountAcceptanceSoapServices } from './intake/acceptance-notification.soap';
import { jsonBodyRoutes } from './json-body-routes';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('dept-sim');
  const { config, topology } = loadDeptSimConfig();
  const app = await NestFactory.create<NestExpressApplication>(DeptSimModule.forRoot(config, topology), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: {
      title: '部门业务系统模拟器 Department simulator',
      description: 'Simulated departmental business systems: HTTP/JSON notification endpoints and simulator controls. SOAP: /dept/<code>/ws/acceptance?wsdl and /dept/<code>/ws/downlink?wsdl',
    },
    mountSoap: (a) => {
      mountAcceptanceSoapServices(a, config);
      mountDownlinkSoapServices(a, config);
    },
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
  });
  logger.log({ msg: 'department simulator listening', url: `http://${config.HOST}:${config.PORT}`, departments: topology.departments.map((d) => `${d.code}:${d.transport}`) });
}

runMain('dept-sim', bootstrap);
