import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/build-when-stale';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

/** The web UI as built for the browser tests (this project's global setup), which is the build that ships. */
describe('the built web UI', () => {
  const web = join(ROOT, 'dist', 'web');
  const files = filesUnder(web);

  it('contains no source maps', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('has no script or style sheet that points at a source map', () => {
    const scripts = files.filter((f) => /\.(m?js|css)$/.test(f));
    expect(scripts.length).toBeGreaterThan(0);
    const pointing = scripts.filter((f) => /sourceMappingURL/.test(readFileSync(join(web, f), 'utf8')));
    expect(pointing).toEqual([]);
  });
});
