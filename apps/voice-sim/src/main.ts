import 'reflect-metadata';
import { JsonLogger, runMain, startHttpApp } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { VoiceSimModule } from './app.module';
import { loadVoiceSimConfig } from './config/voice-sim.config';

async function bootstrap(): Promise<void> {
  const logger = new JsonLogger('voice-sim');
  const config = loadVoiceSimConfig();
  const app = await NestFactory.create<NestExpressApplication>(VoiceSimModule.forRoot(config), { bodyParser: false, logger });
  await startHttpApp(app, {
    port: config.PORT,
    host: config.HOST,
    docs: { title: '语音网关模拟器 voice gateway simulator', description: 'Text-to-speech call requests with outcomes by callee, callbacks, polling and fault injection.' },
    mountSoap: () => undefined,
  });
  logger.log({ msg: 'voice gateway simulator listening', http: `http://${config.HOST}:${config.PORT}` });
}

runMain('voice-sim', bootstrap);
