// Writes the API's OpenAPI document to apps/web/src/api/openapi.json, for openapi-typescript.
// Boots the built API in-process on a throw-away embedded database; run `npm run build:server` first
// (`npm run openapi` does both and then generates the types). Where the API's document is silent, the shapes of
// the HTTP contract in contract-supplement.js are added, and listed under `x-baken-supplemented`.
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const contract = require('./contract-supplement');

const root = resolve(__dirname, '../../..');
const target = join(root, 'apps/web/src/api/openapi.json');

/** Adds the contract's shapes where the API's document has none; never replaces what the API documents. */
function supplement(document) {
  const added = [];
  document.components = document.components ?? {};
  document.components.schemas = document.components.schemas ?? {};
  for (const [name, schema] of Object.entries(contract.schemas)) {
    if (!document.components.schemas[name]) document.components.schemas[name] = schema;
  }
  const responses = { ...contract.responses };
  for (const [path, operations] of Object.entries(contract.paths)) {
    if (document.paths[path]) {
      // Documented by the API: only a success response without a schema gets the contract's.
      for (const [method, operation] of Object.entries(operations)) {
        const schema = Object.values(operation.responses).find((r) => r.content)?.content['application/json'].schema;
        if (schema) responses[path] = { ...responses[path], [method]: schema };
      }
      continue;
    }
    document.paths[path] = operations;
    added.push(`${Object.keys(operations).join(', ').toUpperCase()} ${path}`);
  }
  for (const [path, methods] of Object.entries(responses)) {
    for (const [method, schema] of Object.entries(methods)) {
      const responses = document.paths[path]?.[method]?.responses;
      if (!responses) continue;
      const status = Object.keys(responses).find((s) => /^2\d\d$/.test(s));
      if (!status || responses[status].content) continue;
      responses[status] = { ...responses[status], content: { 'application/json': { schema } } };
      added.push(`${method.toUpperCase()} ${path} ${status} response schema`);
    }
  }
  document['x-baken-supplemented'] = added;
  return document;
}

async function main() {
  const { createApp } = require(join(root, 'dist/apps/api/src/create-app.js'));
  const { loadConfig } = require(join(root, 'dist/libs/platform/src/index.js'));
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-openapi-'));
  let app;
  try {
    const config = loadConfig({
      NODE_ENV: 'development', BAKEN_DATA_DIR: dataDir, BAKEN_SEED_DEMO: 'false', BAKEN_RUN_SUBSCRIPTIONS: 'false',
      BAKEN_RUN_WORKERS: 'false', BAKEN_DEMO: 'true',
    });
    app = await createApp(config, { logger: false });
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
    const document = supplement(JSON.parse(response.body));
    writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
    const added = document['x-baken-supplemented'];
    console.log(`OpenAPI document written to ${target}: ${Object.keys(document.paths).length} paths, ${added.length} supplemented from the contract`);
    for (const line of added) console.log(`  + ${line}`);
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
