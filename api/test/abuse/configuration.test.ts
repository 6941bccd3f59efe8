// The abuse settings: where the API listens, whom it trusts as a proxy, its rate limits, the
// search timeout and candidates, and the size of stored images; on by default in every mode,
// validated at start.
import { SEARCH_COUNT_MAX } from '@inkwell/rules';
import { describe, expect, test } from '@jest/globals';
import { ConfigError, type NodeEnv, loadConfig } from '../../src/config.js';

const VALID = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:secret@db.internal:5432/inkwell',
  JWT_SECRET: 'x'.repeat(40),
  S3_BUCKET: 'inkwell-assets',
  ASSET_PUBLIC_BASE_URL: 'https://assets.inkwell.example/',
};

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig({ ...VALID, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
};

describe('abuse settings', () => {
  test.each<NodeEnv>(['production', 'development', 'test'])(
    'When nothing is set in %s, then the API binds loopback, trusts only a loopback proxy and every limit is on',
    (nodeEnv) => {
      const config = loadConfig({ ...VALID, NODE_ENV: nodeEnv });

      expect(config.host).toBe('127.0.0.1');
      expect(config.trustProxy).toEqual(['loopback']);
      expect(config.rateLimits).toEqual({
        signUp: { max: 20, windowSeconds: 3600 },
        signInAccount: { max: 10, windowSeconds: 900 },
        signInAddress: { max: 100, windowSeconds: 900 },
        writes: { max: 60, windowSeconds: 300 },
        uploads: { max: 30, windowSeconds: 300 },
        search: { max: 60, windowSeconds: 60 },
      });
      expect(config.search.timeoutMs).toBe(1000);
      expect(config.search.candidates).toBe(SEARCH_COUNT_MAX);
      expect(config.assets.maxDimension).toBe(4096);
    },
  );

  test('When the settings are given, then they are read', () => {
    const config = loadConfig({
      ...VALID,
      HOST: '0.0.0.0',
      TRUST_PROXY: '10.0.0.0/8, fd00::/8, loopback, 192.0.2.7',
      RATE_LIMIT_SIGN_UP: '5/30s',
      RATE_LIMIT_WRITES: 'off',
      RATE_LIMIT_SEARCH: '1000 / 2h',
      SEARCH_TIMEOUT_MS: '250',
      SEARCH_CANDIDATES: '200',
      ASSET_MAX_DIMENSION: '2048',
    });

    expect(config.host).toBe('0.0.0.0');
    expect(config.trustProxy).toEqual(['10.0.0.0/8', 'fd00::/8', 'loopback', '192.0.2.7']);
    expect(config.rateLimits.signUp).toEqual({ max: 5, windowSeconds: 30 });
    expect(config.rateLimits.writes).toBeNull();
    expect(config.rateLimits.search).toEqual({ max: 1000, windowSeconds: 7200 });
    expect(config.search.timeoutMs).toBe(250);
    expect(config.search.candidates).toBe(200);
    expect(config.assets.maxDimension).toBe(2048);
    expect(loadConfig({ ...VALID, TRUST_PROXY: 'none' }).trustProxy).toEqual([]);
  });

  test.each([
    ['HOST', 'not a host!'],
    ['TRUST_PROXY', '*'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'everyone'],
    ['RATE_LIMIT_SIGN_UP', '20'],
    ['RATE_LIMIT_SIGN_IN_ACCOUNT', '0/1m'],
    ['RATE_LIMIT_SIGN_IN_ADDRESS', 'ten per minute'],
    ['RATE_LIMIT_WRITES', '10/1y'],
    ['RATE_LIMIT_UPLOADS', '10/8d'],
    ['RATE_LIMIT_SEARCH', '-1/1m'],
    ['SEARCH_TIMEOUT_MS', '10'],
    ['SEARCH_CANDIDATES', '99'],
    ['SEARCH_CANDIDATES', String(SEARCH_COUNT_MAX + 1)],
    ['ASSET_MAX_DIMENSION', '20000'],
  ])('When %s is %p, then the start fails naming it', (name, value) => {
    expect(problemsOf({ [name]: value })).toContain(name);
  });
});
