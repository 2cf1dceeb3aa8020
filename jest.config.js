/**
 * Projects: pure unit tests beside the code, integration tests on real PostgreSQL/Redis, end-to-end
 * tests over HTTP, fault drills on real processes and browser tests. NestJS 12, jose and PGlite ship as ES modules only; they are
 * compiled to CommonJS by the same SWC transform as our own code.
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];
const esmPackages = [
  '@nestjs',
  'jose',
  '@electric-sql',
  'uuid',
  'fast-check',
  'cookie',
  'set-cookie-parser',
  'canonicalize',
  'date-holidays',
  'pure-rand',
  'content-disposition',
  'openid-client',
  'oauth4webapi',
];
const shared = {
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'off' },
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@baken/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@baken/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
  },
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  // A global option (Jest ignores it inside a project). The machine is shared; hooks that start an app or an
  // embedded database may need more than Jest's 5 s. The fault drills give their own, longer timeouts.
  testTimeout: 30_000,
  // A test that times out can leave an app it was starting behind (an embedded database, a queue connection). The
  // results are written by then; a lingering handle must not keep the run, and CI, waiting until its own limit.
  forceExit: true,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts'],
    },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Fault drills: the built API and worker as real processes, killed, restarted and attacked; builds dist/ when stale.
    {
      ...shared,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
      globalSetup: '<rootDir>/test/reliability/support/build-server.ts',
    },
    // The web UI in Debian's Chromium (playwright-core); builds dist/web first when it is out of date.
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/support/build-web.ts',
    },
  ],
};
