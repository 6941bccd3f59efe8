import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../src/config.js';

const VALID = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:secret@db.internal:5432/inkwell',
  JWT_SECRET: 'x'.repeat(40),
  S3_BUCKET: 'inkwell-assets',
  ASSET_PUBLIC_BASE_URL: 'https://assets.inkwell.example/',
};

describe('loadConfig', () => {
  test('When every variable is valid, then it answers a frozen config with defaults filled in', () => {
    const config = loadConfig({ ...VALID, CORS_ORIGINS: 'https://inkwell.example, https://admin.inkwell.example/' });

    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 3000,
      logLevel: 'info',
      corsOrigins: ['https://inkwell.example', 'https://admin.inkwell.example'],
      storage: {
        bucket: 'inkwell-assets',
        region: 'us-east-1',
        forcePathStyle: false,
        publicBaseUrl: 'https://assets.inkwell.example',
      },
      defaultAvatarUrl: 'https://assets.inkwell.example/defaults/avatar.svg',
      webDistDir: null,
      jwtSecret: VALID.JWT_SECRET,
      jwtSecretEphemeral: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.storage)).toBe(true);
  });

  test('When several variables are wrong, then one error names every one of them', () => {
    const attempt = () =>
      loadConfig({
        NODE_ENV: 'production',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        CORS_ORIGINS: 'not an origin',
      });

    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'LOG_LEVEL',
      'CORS_ORIGINS',
      'JWT_SECRET',
      'S3_BUCKET',
      'ASSET_PUBLIC_BASE_URL',
    ]) {
      expect(message).toContain(name);
    }
  });

  test('When the read cache is not configured, then it is on, with 10,000 answers and 64 MiB at most', () => {
    expect(loadConfig(VALID).readCache).toEqual({ maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 });
    expect(loadConfig({ ...VALID, READ_CACHE_ENTRIES: '0', READ_CACHE_MB: '8' }).readCache).toEqual({
      maxEntries: 0,
      maxBytes: 8 * 1024 * 1024,
    });
  });

  test('When the read cache settings are not whole numbers in range, then both are named', () => {
    expect(() => loadConfig({ ...VALID, READ_CACHE_ENTRIES: '-1', READ_CACHE_MB: '0' })).toThrow(
      /READ_CACHE_ENTRIES[\s\S]*READ_CACHE_MB/,
    );
  });

  test('When JWT_SECRET is missing outside production, then each load makes up a random secret of its own', () => {
    const { JWT_SECRET: _given, ...withoutSecret } = VALID;

    const first = loadConfig({ ...withoutSecret, NODE_ENV: 'development' });
    const second = loadConfig({ ...withoutSecret, NODE_ENV: 'test' });

    expect(first.jwtSecretEphemeral).toBe(true);
    expect(Buffer.byteLength(first.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).not.toBe(first.jwtSecret);
  });

  test('When JWT_SECRET is missing in production, then it is refused', () => {
    const { JWT_SECRET: _given, ...withoutSecret } = VALID;

    expect(() => loadConfig(withoutSecret)).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
  });

  test('When JWT_SECRET is too short, then it is refused', () => {
    expect(() => loadConfig({ ...VALID, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 bytes/);
  });

  test('When SESSION_TTL is not set, then sessions last 30 days', () => {
    expect(loadConfig(VALID).sessionTtlSeconds).toBe(30 * 86_400);
  });

  test.each([
    ['12h', 12 * 3600],
    ['90m', 90 * 60],
    ['3600s', 3600],
    ['365d', 365 * 86_400],
  ])('When SESSION_TTL is %s, then sessions last %d seconds', (raw, seconds) => {
    expect(loadConfig({ ...VALID, SESSION_TTL: raw }).sessionTtlSeconds).toBe(seconds);
  });

  test.each(['30', '30 days', '0d', '59s', '366d', '-1h'])('When SESSION_TTL is %j, then it is refused', (raw) => {
    expect(() => loadConfig({ ...VALID, SESSION_TTL: raw })).toThrow(/SESSION_TTL must be a duration/);
  });

  test('When DEFAULT_AVATAR_URL is given, then it is used instead of the bucket copy', () => {
    const config = loadConfig({ ...VALID, DEFAULT_AVATAR_URL: 'https://cdn.example.com/avatar.png' });

    expect(config.defaultAvatarUrl).toBe('https://cdn.example.com/avatar.png');
    expect(config.defaultAvatarInBucket).toBe(false);
  });
});
