// Names of the variables global setup hands to the test workers.
export const TEST_ENV = {
  databaseUrl: 'INKWELL_TEST_DATABASE_URL',
  s3Endpoint: 'INKWELL_TEST_S3_ENDPOINT',
  assetBaseUrl: 'INKWELL_TEST_ASSET_BASE_URL',
} as const;

export const TEST_BUCKET = 'inkwell-test';

/** A variable set by global setup; fails loudly when the setup did not run. */
export function testEnv(name: (typeof TEST_ENV)[keyof typeof TEST_ENV]): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (test/global-setup.ts)`);
  return value;
}
