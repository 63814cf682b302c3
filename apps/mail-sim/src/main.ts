import 'reflect-metadata';
import { runMain, serveHttpApp } from '@app/common';
import { MailSimModule } from './app.module';
import { loadMailSimConfig } from './config/mail-sim.config';

runMain('mail-sim', async (logger) => {
  const config = loadMailSimConfig();
  await serveHttpApp(logger, MailSimModule.forRoot(config), {
    listen: config,
    docs: {
      title: '邮件服务器模拟器 mail simulator (SMTP)',
      description: `Development SMTP server on ${config.HOST}:${config.SMTP_PORT} (plain, no AUTH). Received mail parsed, fault injection.`,
    },
    listening: { msg: 'mail simulator listening', http: `http://${config.HOST}:${config.PORT}`, smtp: `${config.HOST}:${config.SMTP_PORT}` },
  });
});
