import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The renderer's settings: the environment is read here and nowhere else, validated once at
 * start-up (every problem reported at once, each naming its variable), then frozen.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface RendererConfig {
  /** Where the renderer listens. */
  PORT: number;
  HOST: string;
  /** Where Prometheus scrapes the renderer (GET /metrics), a port nginx does not route: null = no metrics, 0 = any. */
  METRICS_PORT: number | null;
  METRICS_HOST: string;
  /** The site's origin as readers reach it (canonical URLs, Open Graph, feeds), e.g. https://inkwell.example.org. */
  PUBLIC_ORIGIN: string;
  /** The API's base, e.g. http://127.0.0.1:3001/api/v1, without a trailing slash. */
  API_URL: string;
  /** How long one API call may take before the page gives up on it. */
  API_TIMEOUT_MS: number;
  /** The web app's build: its index.html frames every page. */
  WEB_DIST: string;
  LOG_LEVEL: LogLevel;
  NODE_ENV: string;
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid renderer configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The client build beside this server's own (web/dist next to web/dist-server). */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const DEFAULTS = {
  PORT: '3100',
  HOST: '127.0.0.1',
  METRICS_HOST: '127.0.0.1',
  PUBLIC_ORIGIN: 'http://localhost:8080',
  API_URL: 'http://127.0.0.1:3001/api/v1',
  API_TIMEOUT_MS: '3000',
  LOG_LEVEL: 'info',
} as const;

type Env = Record<string, string | undefined>;

/** Reads and checks the renderer's variables; throws a `ConfigError` listing every bad one. */
export function loadConfig(
  env: Env = process.env,
  options: { requireWebDist?: boolean } = {},
): Readonly<RendererConfig> {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV || 'development';
  const value = (name: keyof typeof DEFAULTS): string => env[name]?.trim() || DEFAULTS[name];

  const integer = (name: 'PORT' | 'API_TIMEOUT_MS' | 'METRICS_PORT', raw: string, min: number, max: number): number => {
    const parsed = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return parsed;
  };

  const httpUrl = (name: 'PUBLIC_ORIGIN' | 'API_URL'): URL | undefined => {
    const raw = value(name);
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // reported below
    }
    problems.push(`${name} must be an absolute http(s) URL, got "${raw}"`);
    return undefined;
  };

  const PORT = integer('PORT', value('PORT'), 0, 65_535);
  const API_TIMEOUT_MS = integer('API_TIMEOUT_MS', value('API_TIMEOUT_MS'), 1, 60_000);
  const HOST = value('HOST');
  // Unset (or empty): no metrics.
  const metricsPort = env.METRICS_PORT?.trim();
  const METRICS_PORT = metricsPort ? integer('METRICS_PORT', metricsPort, 0, 65_535) : null;
  if (METRICS_PORT !== null && METRICS_PORT !== 0 && METRICS_PORT === PORT) {
    problems.push('METRICS_PORT must differ from PORT');
  }

  if (nodeEnv === 'production' && !env.PUBLIC_ORIGIN?.trim()) {
    problems.push('PUBLIC_ORIGIN is required in production (the origin readers use, e.g. https://inkwell.example.org)');
  }
  const origin = httpUrl('PUBLIC_ORIGIN');
  if (origin && (origin.pathname !== '/' || origin.search || origin.hash || origin.username)) {
    problems.push(`PUBLIC_ORIGIN must be an origin only (scheme, host, port), got "${value('PUBLIC_ORIGIN')}"`);
  }
  const api = httpUrl('API_URL');

  const WEB_DIST = path.resolve(env.WEB_DIST?.trim() || DEFAULT_WEB_DIST);
  if ((options.requireWebDist ?? true) && !existsSync(path.join(WEB_DIST, 'index.html'))) {
    problems.push(`WEB_DIST must be the web app's build folder (with index.html), got "${WEB_DIST}"`);
  }

  const LOG_LEVEL = value('LOG_LEVEL') as LogLevel;
  if (!LOG_LEVELS.includes(LOG_LEVEL)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${LOG_LEVEL}"`);
  }

  if (problems.length > 0 || !origin || !api) throw new ConfigError(problems);
  return Object.freeze({
    PORT,
    HOST,
    METRICS_PORT,
    METRICS_HOST: value('METRICS_HOST'),
    PUBLIC_ORIGIN: origin.origin,
    API_URL: api.href.replace(/\/+$/, ''),
    API_TIMEOUT_MS,
    WEB_DIST,
    LOG_LEVEL,
    NODE_ENV: nodeEnv,
  });
}
