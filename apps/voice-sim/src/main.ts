import 'reflect-metadata';
import { runMain, serveHttpApp } from '@app/common';
import { VoiceSimModule } from './app.module';
import { loadVoiceSimConfig } from './config/voice-sim.config';

runMain('voice-sim', async (logger) => {
  const config = loadVoiceSimConfig();
  await serveHttpApp(logger, VoiceSimModule.forRoot(config), {
    listen: config,
    docs: {
      title: '语音网关模拟器 voice gateway simulator',
      description: 'Text-to-speech call requests with outcomes by callee, callbacks, polling and fault injection.',
    },
    listening: { msg: 'voice gateway simulator listening', http: `http://${config.HOST}:${config.PORT}` },
  });
});
