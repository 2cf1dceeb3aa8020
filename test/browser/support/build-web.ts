import { buildWhenStale } from '../../support/build-when-stale';

/** Jest global setup of the browser tests: builds the web UI into dist/web when it is missing or older than its sources. */
export default function buildWebUi(): void {
  buildWhenStale(
    'dist/web/index.html',
    [
      'apps/web/src',
      'libs/charts/src',
      'libs/labels/src',
      'apps/web/index.html',
      'apps/web/vite.config.mts',
      'package-lock.json',
    ],
    'build:web',
    'the web UI for the browser tests',
  );
}
