// Jest in ESM mode (the test script sets --experimental-vm-modules): msw 2 and openapi-msw are
// ESM-only. ts-jest only transpiles (isolatedModules in tsconfig); `npm run typecheck` checks types.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'jest-fixed-jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts?(x)'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    // Stylesheets mean nothing to jsdom.
    '\\.css$': '<rootDir>/test/style-stub.js',
    // Relative `./x.js` imports name the TypeScript source `./x.ts`.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-tests.ts'],
  clearMocks: true,
};
