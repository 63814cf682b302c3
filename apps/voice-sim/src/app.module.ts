import { simControlProviders } from '@app/common';
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
    const gateway = new VoiceGateway({
      callDelayMs: config.VOICE_CALL_DELAY_MS,
      maxCalls: config.VOICE_MAX_CALLS,
      callbackHosts: config.callbackHosts(),
      callbackTimeoutMs: config.VOICE_CALLBACK_TIMEOUT_MS,
      logger: new Logger('voice'), // Nest's logger is the gateway's: the app's JSON lines
    });
    return {
      module: VoiceSimModule,
      controllers: [VoiceController, SimControlController],
      providers: [
        { provide: VoiceSimConfig, useValue: config },
        ...simControlProviders(config.SIM_CONTROL_TOKEN),
        { provide: VoiceGateway, useValue: gateway },
        GatewayShutdown,
      ],
    };
  }
}
