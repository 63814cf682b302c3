import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Builds a typed config object from the environment, applying the class defaults,
 * and fails at boot with one line per bad variable.
 */
export function validateConfig<T extends object>(cls: new () => T, env: Record<string, unknown>): T {
  const instance = plainToInstance(cls, env, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    // show what the operator wrote, not the converted value (a bad number would print as null)
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(env[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return instance;
}
