/**
 * `npm run openapi` writes the OpenAPI document of each human-facing app to docs/openapi/<app>.json;
 * `npm run openapi -- --check` fails (exit 1) naming every file that differs from the code.
 *
 * The documents are built from the apps' modules in Nest's preview mode: controllers and their
 * metadata are read, no provider runs, so no database, key file or peer is needed. The consoles'
 * typed API clients are generated from these files (apps/web), and third parties can integrate
 * against them. Needs `npm run build` first (it loads dist-tools).
 */
import 'reflect-metadata';
import { loadAccountsSettings } from '@app/accounts';
import { buildOpenApiDocument, OpenApiInfo } from '@app/common';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CitySupervisorModule } from '../../apps/city-supervisor/src/app.module';
import { loadCityConfig } from '../../apps/city-supervisor/src/config/city.config';
import { CityKeys } from '../../apps/city-supervisor/src/core/city-keys';
import { CITY_OPENAPI } from '../../apps/city-supervisor/src/openapi-info';
import { OneWindowModule } from '../../apps/one-window/src/app.module';
import { loadOneWindowConfig } from '../../apps/one-window/src/config/one-window.config';
import { ONE_WINDOW_OPENAPI } from '../../apps/one-window/src/openapi-info';
import { OpsNodeModule } from '../../apps/ops-node/src/app.module';
import { loadOpsNodeConfig } from '../../apps/ops-node/src/config/ops-node.config';
import { OpsKeys } from '../../apps/ops-node/src/core/ops-keys';
import { OPS_NODE_OPENAPI } from '../../apps/ops-node/src/openapi-info';

/** Development settings only: the module graph is read, nothing runs or connects. */
const PREVIEW_ENV: NodeJS.ProcessEnv = { APP_MODE: 'development', OPS_DEV_KEY_SEED: 'openapi-preview' };

interface AppDoc {
  name: string;
  info: OpenApiInfo;
  module(): DynamicModule;
}

const APPS: AppDoc[] = [
  {
    name: 'one-window',
    info: ONE_WINDOW_OPENAPI,
    module: () => {
      const { config, topology } = loadOneWindowConfig(PREVIEW_ENV);
      return OneWindowModule.forRoot(config, topology, loadAccountsSettings('one-window', PREVIEW_ENV));
    },
  },
  {
    name: 'ops-node',
    info: OPS_NODE_OPENAPI,
    module: () => {
      const { config, topology } = loadOpsNodeConfig(PREVIEW_ENV);
      return OpsNodeModule.forRoot(config, topology, OpsKeys.load(config), loadAccountsSettings('ops-node', PREVIEW_ENV));
    },
  },
  {
    name: 'city-supervisor',
    info: CITY_OPENAPI,
    module: () => {
      const { config, nodes } = loadCityConfig(PREVIEW_ENV);
      return CitySupervisorModule.forRoot(config, nodes, CityKeys.load(config, nodes), loadAccountsSettings('city-supervisor', PREVIEW_ENV));
    },
  },
];

export async function openApiDocumentOf(app: AppDoc): Promise<string> {
  const nest = await NestFactory.create(app.module(), { preview: true, logger: false, abortOnError: false });
  try {
    return `${JSON.stringify(buildOpenApiDocument(nest, app.info), null, 2)}\n`;
  } finally {
    await nest.close();
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const dir = join(process.cwd(), 'docs', 'openapi');
  mkdirSync(dir, { recursive: true });
  const stale: string[] = [];
  for (const app of APPS) {
    const file = join(dir, `${app.name}.json`);
    const text = await openApiDocumentOf(app);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(`docs/openapi/${app.name}.json`);
    } else {
      writeFileSync(file, text);
      console.log(`wrote docs/openapi/${app.name}.json`);
    }
  }
  if (stale.length > 0) {
    console.error(`OpenAPI documents out of date with the code: ${stale.join(', ')}\nRun: npm run build && npm run openapi`);
    return 1;
  }
  if (check) console.log('docs/openapi/*.json match the code');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
