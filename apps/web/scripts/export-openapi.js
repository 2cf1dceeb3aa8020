// Writes the API's OpenAPI document to apps/web/src/api/openapi.json, for openapi-typescript.
// Boots the built API in-process on a throw-away embedded database; run `npm run build:server` first
// (`npm run openapi` does both and then generates the types).
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '../../..');
const target = join(root, 'apps/web/src/api/openapi.json');

async function main() {
  const { createApp } = require(join(root, 'dist/apps/api/src/create-app.js'));
  const { loadConfig } = require(join(root, 'dist/libs/platform/src/index.js'));
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-openapi-'));
  let app;
  try {
    const config = loadConfig({
      NODE_ENV: 'development',
      BAKEN_DATA_DIR: dataDir,
      BAKEN_SEED_DEMO: 'false',
      BAKEN_RUN_SUBSCRIPTIONS: 'false',
      BAKEN_RUN_WORKERS: 'false',
      BAKEN_DEMO: 'true',
    });
    app = await createApp(config, { logger: false });
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
    const document = JSON.parse(response.body);
    writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`OpenAPI document written to ${target}: ${Object.keys(document.paths).length} paths`);
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
