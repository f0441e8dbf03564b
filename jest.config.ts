import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { compilerOptions } from './tsconfig.json';

const shared: Config = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.local'],
};

// Integration and e2e suites share one real broker and one PostgreSQL server per run;
// each spec file creates its own database and topics, so files may run in parallel.
const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{services,libs,bench}/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/services/portal/web/'],
    },
    {
      // The portal's web app: React components in a DOM (jsdom), compiled with the web app's own tsconfig.
      displayName: 'web',
      rootDir: '.',
      moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/services/portal/web/tsconfig.spec.json' }] },
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/services/portal/web/jest-setup.ts'],
      moduleNameMapper: { '^@lib/kernel$': '<rootDir>/libs/kernel/src' },
      testMatch: ['<rootDir>/services/portal/web/**/*.spec.{ts,tsx}'],
      modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.local'],
    },
    {
      ...shared,
      displayName: 'integration',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeouts.ts'],
      testMatch: ['<rootDir>/{services,libs,deploy}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeouts.ts'],
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // People's journeys through the portal in Debian's Chromium, against the real services; the web app is built first when stale.
      ...shared,
      displayName: 'browser',
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/browser-timeouts.ts'],
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

export default config;
