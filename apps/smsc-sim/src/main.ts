import 'reflect-metadata';
import { runMain, serveHttpApp } from '@app/common';
import { SmscSimModule } from './app.module';
import { loadSmscSimConfig } from './config/smsc-sim.config';

runMain('smsc-sim', async (logger) => {
  const config = loadSmscSimConfig();
  const description = `Simulated carrier gateway: CMPP 2.0 on ${config.HOST}:${config.CMPP_PORT}. Handset inbox, statistics and runtime fault injection.`;
  await serveHttpApp(logger, SmscSimModule.forRoot(config), {
    listen: config,
    docs: { title: '短信网关模拟器 SMSC simulator (CMPP 2.0)', description },
    listening: { msg: 'SMSC simulator listening', http: `http://${config.HOST}:${config.PORT}`, cmpp: `${config.HOST}:${config.CMPP_PORT}` },
  });
});
