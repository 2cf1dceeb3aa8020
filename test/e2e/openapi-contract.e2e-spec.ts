import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { useTestApp } from './support/test-app';

const ROOT = resolve(__dirname, '../..');
const DOCUMENT = join(ROOT, 'apps/web/src/api/openapi.json');
const TYPES = join(ROOT, 'apps/web/src/api/schema.d.ts');
const REGENERATE = 'Regenerate them with `npm run openapi` and commit both files.';

/**
 * The web UI's client is typed from a committed copy of the API's OpenAPI document. A route, parameter or response
 * field changed in the API without regenerating the copy and its types fails here.
 */
describe('the web client stays the API’s', () => {
  const app = useTestApp();

  it('has the OpenAPI document the API serves', async () => {
    const served = (await app().request('GET', '/api/openapi.json')).body;
    const committed = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    if (JSON.stringify(served) !== JSON.stringify(committed)) {
      expect({ document: committed, hint: REGENERATE }).toEqual({ document: served, hint: REGENERATE });
    }
  });

  it('has the types openapi-typescript makes of that document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baken-openapi-types-'));
    try {
      const generated = join(dir, 'schema.d.ts');
      await promisify(execFile)(join(ROOT, 'node_modules/.bin/openapi-typescript'), [DOCUMENT, '-o', generated], {
        cwd: ROOT,
      });
      const fresh = readFileSync(generated, 'utf8');
      if (fresh !== readFileSync(TYPES, 'utf8'))
        expect({ types: readFileSync(TYPES, 'utf8'), hint: REGENERATE }).toEqual({ types: fresh, hint: REGENERATE });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
