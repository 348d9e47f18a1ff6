import { defineConfig } from 'vitest/config';

const report = process.env.KHABAR_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/globalSetup.ts', 'test/support/buildAdminApp.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI machines have two cores: test files run in two forked workers.
    pool: 'forks',
    maxWorkers: 2,
    // .ci/run asks for a JSON report to check that both stores ran the contract suite.
    ...(report ? { reporters: ['default', 'json'], outputFile: { json: report } } : {}),
  },
});
