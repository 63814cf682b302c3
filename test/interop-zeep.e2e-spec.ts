import { ConcludeOutcome, Stage } from '@app/exchange-contract';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExchangeEnv } from './support/exchange-env';

const run = promisify(execFile);
/** Debian's interpreter: python3-zeep is installed for it (scripts/test.mjs sees to that), not for pyenv's. */
const PYTHON = '/usr/bin/python3';

describe('interop: python3-zeep calls NotifyCallback through the published WSDL', () => {
  let env: ExchangeEnv;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1', SCAN_CRON: '0 0 0 1 1 *' } });
    await env.startPlatform();
  });

  afterAll(async () => env?.close());

  async function zeep(
    port: string,
    applyNo: string,
    stage: string,
    password?: string,
  ): Promise<{ code?: string; results?: { code: string; stage: string }[]; fault?: string }> {
    const cred = env.dept('AMR').deptCredential;
    const { stdout } = await run(
      PYTHON,
      [
        join(__dirname, 'interop', 'zeep_notify_callback.py'),
        `${env.platformUrl}/ws/exchange/callback?wsdl`,
        port,
        cred.username,
        password ?? cred.password,
        'AMR',
        applyNo,
        '1',
        stage,
      ],
      { timeout: 60_000 },
    );
    return JSON.parse(stdout.trim().split('\n').pop()!) as { code?: string; results?: { code: string; stage: string }[]; fault?: string };
  }

  it.each([['CallbackNotificationServiceSoap11'], ['CallbackNotificationServiceSoap12']])('takes a callback notified by zeep over %s', async (port) => {
    const clerk = await env.clerk();
    const applyNo = await clerk.apply('AMR-003');
    await clerk.waitForState(applyNo, 'DISPATCHED');
    const front = await env.front('AMR');
    await front.inTx((q) =>
      front.writeCallback(
        q,
        {
          applyNo,
          version: 1,
          stage: Stage.ACCEPT,
          outcome: null as ConcludeOutcome | null,
          opinion: '予以受理',
          detail: {},
          handledBy: 'AMR-zeep',
          handledAt: new Date(),
          correlationId: 'zeep',
        },
        [],
        'AMR',
      ),
    );

    const reply = await zeep(port, applyNo, 'ACCEPT');
    expect(reply).toMatchObject({ code: '0000', results: [{ code: '0000', stage: 'ACCEPT' }] });
    expect((await clerk.get(applyNo)).state).toBe('ACCEPTED');

    const again = await zeep(port, applyNo, 'ACCEPT');
    expect(again.results?.[0].code).toBe('0001');
  });

  it('gets a SOAP Fault with the auth code for a wrong password', async () => {
    const reply = await zeep('CallbackNotificationServiceSoap11', '410404-20261122-999999', 'ACCEPT', 'not-the-password');
    expect(reply.fault).toMatch(/1001/);
  });
});
