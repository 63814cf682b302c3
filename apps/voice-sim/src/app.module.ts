import { SIM_CONTROL_TOKEN, SimControlGuard } from '@app/common';
import { DynamicModule, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { VoiceSimConfig } from './config/voice-sim.config';
import { SimControlController } from './control/sim-control.controller';
import { VoiceController } from './control/voice.controller';
import { VoiceGateway } from './gateway/voice-gateway';

@Injectable()
class GatewayShutdown implements OnApplicationShutdown {
  constructor(private readonly gateway: VoiceGateway) {}

  onApplicationShutdown(): void {
    this.gateway.stop();
  }
}

@Module({})
export class VoiceSimModule {
  static forRoot(config: VoiceSimConfig): DynamicModule {
    const logger = new Logger('voice');
    const gateway = new VoiceGateway({
      callDelayMs: config.VOICE_CALL_DELAY_MS,
      maxCalls: config.VOICE_MAX_CALLS,
      callbackHosts: config.callbackHosts(),
      callbackTimeoutMs: config.VOICE_CALLBACK_TIMEOUT_MS,
      logger: { log: (m) => logger.log(m), warn: (m) => logger.warn(m) },
    });
    return {
      module: VoiceSimModule,
      controllers: [VoiceController, SimControlController],
      providers: [{ provide: VoiceSimConfig, useValue: config }, { provide: SIM_CONTROL_TOKEN, useValue: config.SIM_CONTROL_TOKEN }, SimControlGuard, { provide: VoiceGateway, useValue: gateway }, GatewayShutdown],
    };
  }
}
