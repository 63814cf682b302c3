import { JsonLogger } from '../logging/json-logger';

/**
 * Runs an app's bootstrap with the app's JSON logger; a failure (bad configuration, a port in use, a schema with pending
 * migrations) ends the process with exit code 1 and one JSON line on stderr that names the app and
 * the reason, the message only: a stack would show paths to whoever reads the service's output.
 */
export function runMain(app: string, bootstrap: (logger: JsonLogger) => Promise<void>): void {
  bootstrap(new JsonLogger(app)).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level: 'fatal', app, msg })}\n`);
    process.exit(1);
  });
}
