/** Architecture rules checked in CI (`npm run lint`). */
module.exports = {
  forbidden: [
    {
      name: 'pure-domain',
      comment:
        'The domain (decide/evolve) is pure: no framework, database, queue or validation library, and no other layer.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: {
        pathNot: ['^libs/[^/]+/src/domain/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'pure-domain-no-infrastructure-types',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: ['node_modules/(@nestjs|pg|bullmq|ioredis|class-validator|class-transformer)/'] },
    },
    {
      name: 'libraries-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'test-helpers-stay-out-of-production',
      comment: 'Test helpers live behind the `…/testing` entry points and only tests and other helpers import them.',
      severity: 'error',
      from: { pathNot: '/testing/' },
      to: { path: '/testing/' },
    },
    {
      name: 'notifications-reads-libraries-through-their-entry-points',
      comment:
        'Notifications sit beside the other libraries and use only what they export (`@baken/<lib>`), so that a change inside one of them cannot break notifications unseen.',
      severity: 'error',
      from: { path: '^libs/notifications/' },
      to: { path: '^libs/(?!notifications/)[^/]+/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'only-apps-use-notifications',
      comment: 'Notifications are a leaf: they read the case domain and the access rules; no library depends on them.',
      severity: 'error',
      from: { path: '^libs/(?!notifications/)' },
      to: { path: '^libs/notifications/' },
    },
    {
      name: 'programme-reads-libraries-through-their-entry-points',
      comment:
        'The programme monitor sits beside the other libraries and uses only what they export (`@baken/<lib>`); it holds no case content.',
      severity: 'error',
      from: { path: '^libs/programme/' },
      to: { path: '^libs/(?!programme/)[^/]+/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'programme-does-not-read-cases',
      comment: 'The monitor is read by every role, partners included: it must never reach into the case domain.',
      severity: 'error',
      from: { path: '^libs/programme/' },
      to: { path: '^libs/case-coordination/' },
    },
    {
      name: 'only-apps-use-programme',
      comment:
        'Besides the apps, only the quarterly report reads the programme monitor (it holds no case content), through its entry point (ADR 63).',
      severity: 'error',
      from: { path: '^libs/(?!programme/)', pathNot: '^libs/reporting/src/reports/quarterly-report/' },
      to: { path: '^libs/programme/' },
    },
    {
      name: 'the-quarterly-report-reads-programme-through-its-entry-point',
      severity: 'error',
      from: { path: '^libs/reporting/src/reports/quarterly-report/' },
      to: { path: '^libs/programme/', pathNot: '^libs/programme/src/index\\.ts$' },
    },
    {
      name: 'charts-are-pure',
      comment:
        'The chart specifications are bundled into the web UI and read by the API: data in, Vega-Lite out, no imports.',
      severity: 'error',
      from: { path: '^libs/charts/' },
      to: { pathNot: '^libs/charts/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['dist', '\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
