import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveWebUi } from './web-ui';

/** A build as Vite used to leave it: a bundle that names its source map, and the map beside it. */
function buildWithSourceMaps(): string {
  const root = mkdtempSync(join(tmpdir(), 'baken-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/index.js"></script>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1);\n//# sourceMappingURL=index.js.map\n');
  writeFileSync(join(root, 'assets', 'index.js.map'), '{"version":3,"sources":["../../src/main.tsx"]}');
  return root;
}

describe('the web UI and its source maps', () => {
  const root = buildWithSourceMaps();
  let server: FastifyInstance;
  const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => server.inject({ method, url });
  const serve = async (production: boolean) => {
    server = Fastify();
    await serveWebUi(server, { root, production });
    await server.ready();
  };

  afterEach(() => server?.close());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('in production', () => {
    beforeEach(() => serve(true));

    it.each(['/assets/index.js.map', '/assets/index.js.map?v=1', '/assets/INDEX.JS.MAP', '/assets/other.js.map'])(
      'answers 404 for %s',
      async (url) => {
        const res = await get(url);
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain('"sources"');
        expect(res.headers['content-type']).not.toMatch(/text\/html/);
      },
    );

    it('answers 404 to HEAD for a source map too', async () => {
      expect((await get('/assets/index.js.map', 'HEAD')).statusCode).toBe(404);
    });

    it('still serves the bundle and the page', async () => {
      expect((await get('/assets/index.js')).statusCode).toBe(200);
      const page = await get('/cases/123');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    });
  });

  describe('in development', () => {
    beforeEach(() => serve(false));

    it("serves a source map the build made, and answers 404 for one it did not, never the web UI's page", async () => {
      const map = await get('/assets/index.js.map');
      expect(map.statusCode).toBe(200);
      expect(map.body).toContain('"sources"');
      expect((await get('/assets/other.js.map')).statusCode).toBe(404);
    });
  });
});
