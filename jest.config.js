// Two projects: fast unit specs beside the code, and integration suites under test/
// that need the private MariaDB and the compiled apps (scripts/test.mjs prepares both).
const moduleNameMapper = {
  '^@app/(common|soap-kit|exchange-contract|front-db|gm-crypto|ops-contract|cmpp|notify|accounts)$': '<rootDir>/libs/$1/src',
  '^@app/(common|soap-kit|exchange-contract|front-db|gm-crypto|ops-contract|cmpp|notify|accounts)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', {}] };
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test/tools'],
      testMatch: ['**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    { displayName: 'integration', testEnvironment: 'node', roots: ['<rootDir>/test'], testMatch: ['**/*.e2e-spec.ts'], transform, moduleNameMapper },
  ],
};
