// Tests run as native ES modules, like the app. ts-jest only transpiles (isolatedModules);
// `npm run typecheck` checks the types.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  maxWorkers: 2,
  // A test file's database (on the embedded engine: a new engine, migrated) is made in its
  // beforeAll; on a busy shared machine that alone can take half a minute.
  testTimeout: 60000,
};
