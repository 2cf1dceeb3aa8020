import { buildWhenStale } from '../../support/build-when-stale';

/** Jest global setup of the fault drills: they run the built API and worker as processes, so build them when stale. */
export default function buildServer(): void {
  buildWhenStale(
    'dist/apps/api/src/main.js',
    ['apps/api', 'apps/worker', 'apps/cli', 'libs', 'package-lock.json', '.swcrc'],
    'build:server',
    'the server for the fault drills',
  );
}
