/** @jest-environment node */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, test } from '@jest/globals';

import { ConfigError, loadConfig } from '@/server/config';

const webDist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html>');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ WEB_DIST: webDist, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the renderer configuration', () => {
  test('When nothing is set, then the defaults apply and the result cannot change', () => {
    const config = loadConfig({ WEB_DIST: webDist });

    expect(config).toEqual({
      PORT: 3100,
      HOST: '127.0.0.1',
      METRICS_PORT: null,
      METRICS_HOST: '127.0.0.1',
      PUBLIC_ORIGIN: 'http://localhost:8080',
      API_URL: 'http://127.0.0.1:3001/api/v1',
      API_TIMEOUT_MS: 3000,
      WEB_DIST: webDist,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('When values are given, then they are read and normalised', () => {
    const config = loadConfig({
      PORT: '4000',
      HOST: '0.0.0.0',
      PUBLIC_ORIGIN: 'https://inkwell.example/',
      API_URL: 'http://api.internal:3001/api/v1/',
      WEB_DIST: webDist,
      LOG_LEVEL: 'debug',
    });

    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '0.0.0.0',
      PUBLIC_ORIGIN: 'https://inkwell.example',
      API_URL: 'http://api.internal:3001/api/v1',
      LOG_LEVEL: 'debug',
    });
  });

  test('When several values are wrong, then one error names every variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      PUBLIC_ORIGIN: 'https://inkwell.example/blog',
      API_URL: 'ftp://api',
      API_TIMEOUT_MS: '0',
      WEB_DIST: path.join(webDist, 'missing'),
      LOG_LEVEL: 'loud',
    });

    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      'PORT',
      'API_TIMEOUT_MS',
      'PUBLIC_ORIGIN',
      'API_URL',
      'WEB_DIST',
      'LOG_LEVEL',
    ]);
  });

  test('When it runs in production without a public origin, then it refuses to start', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^PUBLIC_ORIGIN is required/)]);
    expect(problemsOf({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://inkwell.example' })).toEqual([]);
  });
});
