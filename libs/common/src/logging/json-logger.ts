import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { maskNumbersInText, redactPersonalData } from '../privacy/personal-fields';
import { currentCorrelationId } from './correlation';

/**
 * One JSON object per line, with the correlation id of the request or job in scope,
 * so a single application can be followed across the platform and department logs.
 * Personal data never reaches a log line: fields are masked by the rule set of
 * privacy/personal-fields, and ID and phone numbers inside any text too.
 */
export class JsonLogger extends ConsoleLogger {
  constructor(
    private readonly app: string,
    levels?: LogLevel[],
  ) {
    super(app, { logLevels: levels ?? ['log', 'warn', 'error', 'fatal'] });
  }

  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    for (const message of messages) {
      const line: Record<string, unknown> = {
        ts: new Date().toISOString(),
        level: logLevel,
        app: this.app,
        ctx: context || undefined,
        cid: currentCorrelationId(),
      };
      if (message instanceof Error) {
        line.msg = maskNumbersInText(message.message);
        line.stack = message.stack && maskNumbersInText(message.stack);
      } else if (typeof message === 'object' && message !== null) {
        Object.assign(line, redactPersonalData(message));
      } else {
        line.msg = maskNumbersInText(String(message));
      }
      const out = JSON.stringify(line) + '\n';
      if (logLevel === 'error' || logLevel === 'fatal') process.stderr.write(out);
      else process.stdout.write(out);
    }
  }

  protected override printStackTrace(stack: string): void {
    if (stack)
      process.stderr.write(
        JSON.stringify({ ts: new Date().toISOString(), level: 'error', app: this.app, cid: currentCorrelationId(), stack: maskNumbersInText(stack) }) + '\n',
      );
  }
}
