import 'reflect-metadata';
import { runMain, serveHttpApp } from '@app/common';
import { DeptSimModule } from './app.module';
import { loadDeptSimConfig } from './config/dept-sim.config';
import { mountDownlinkSoapServices } from './downlink/downlink-delivery.soap';
import { mountAcceptanceSoapServices } from './intake/acceptance-notification.soap';
import { jsonBodyRoutes } from './json-body-routes';

const DOCS = {
  title: '部门业务系统模拟器 Department simulator',
  description:
    'Simulated departmental business systems: HTTP/JSON notification endpoints and simulator controls. SOAP: /dept/<code>/ws/acceptance?wsdl and /dept/<code>/ws/downlink?wsdl',
};

runMain('dept-sim', async (logger) => {
  const { config, topology } = loadDeptSimConfig();
  await serveHttpApp(logger, DeptSimModule.forRoot(config, topology), {
    listen: config,
    docs: DOCS,
    mountSoap: (a) => {
      mountAcceptanceSoapServices(a, config);
      mountDownlinkSoapServices(a, config);
    },
    jsonRoutes: jsonBodyRoutes(config), // REST bodies ≤ 256 KiB, larger only where the contract needs it
    listening: {
      msg: 'department simulator listening',
      url: `http://${config.HOST}:${config.PORT}`,
      departments: topology.departments.map((d) => `${d.code}:${d.transport}`),
    },
  });
});
