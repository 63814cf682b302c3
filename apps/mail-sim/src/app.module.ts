import { simControlProviders } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { MailSimConfig } from './config/mail-sim.config';
import { MailSimController } from './control/mail-sim.controller';
import { Mailbox } from './smtp/mailbox';
import { SmtpListener } from './smtp/smtp-listener';

@Module({})
export class MailSimModule {
  static forRoot(config: MailSimConfig): DynamicModule {
    return {
      module: MailSimModule,
      controllers: [MailSimController],
      providers: [
        { provide: MailSimConfig, useValue: config },
        ...simControlProviders(config.SIM_CONTROL_TOKEN),
        { provide: Mailbox, useValue: new Mailbox(config.MAIL_SIM_MAX_MESSAGES) },
        SmtpListener,
      ],
    };
  }
}
