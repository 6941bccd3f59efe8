// The service's configuration: read from the environment once, validated as a whole, frozen.
// This is the only module that reads process.env.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { SEARCH_COUNT_MAX } from '@inkwell/rules';
import type { StorageConfig } from './storage/s3.js';

export type NodeEnv = 'development' | 'test' | 'production';

/** At most `max` requests per key in a fixed window of `windowSeconds`. */
export interface RateLimitRule {
  readonly max: number;
  readonly windowSeconds: number;
}

/** The rate limits, each shared by every replica (counted in PostgreSQL); null = switched off. */
export interface RateLimits {
  /** Sign-ups per client address. */
  readonly signUp: RateLimitRule | null;
  /** Failed sign-ins per client address and account. */
  readonly signInAccount: RateLimitRule | null;
  /** Failed sign-ins per client address. */
  readonly signInAddress: RateLimitRule | null;
  /** Writes (articles, comments, favorites, follows) per account. */
  readonly writes: RateLimitRule | null;
  /** Image uploads per account. */
  readonly uploads: RateLimitRule | null;
  /** Searches (`q` on the article list) per client address. */
  readonly search: RateLimitRule | null;
}

export interface Config {
  readonly nodeEnv: NodeEnv;
  /** The address the HTTP server binds; loopback unless the topology needs another. */
  readonly host: string;
  readonly port: number;
  /** Where Prometheus scrapes this process (GET /metrics): a port of its own, which nginx does not route. */
  readonly metrics: {
    /** Null = no metrics (METRICS_PORT unset); 0 = any free port. */
    readonly port: number | null;
    readonly host: string;
  };
  /**
   * Proxies whose X-Forwarded-For is believed for the client address (`req.ip`): addresses,
   * CIDR ranges or Express's names (loopback, linklocal, uniquelocal); empty = none.
   */
  readonly trustProxy: readonly string[];
  readonly logLevel: string;
  readonly database: {
    readonly url: string;
    /** Connections held by one process. */
    readonly poolMax: number;
  };
  readonly jwtSecret: string;
  /** True when JWT_SECRET was not given (outside production) and this process made up its own. */
  readonly jwtSecretEphemeral: boolean;
  /** The absolute lifetime of a sign-in session (and of its token); nothing extends it. */
  readonly sessionTtlSeconds: number;
  /** Browser origins allowed to call the API cross-origin; empty = same origin only. */
  readonly corsOrigins: readonly string[];
  /** A built web app to serve with SPA fallback when no reverse proxy fronts the API. */
  readonly webDistDir: string | null;
  readonly storage: Readonly<StorageConfig>;
  /** The image shown for users without one of their own (Conduit clients need a string). */
  readonly defaultAvatarUrl: string;
  /** True when DEFAULT_AVATAR_URL was not given and the avatar lives in our own bucket. */
  readonly defaultAvatarInBucket: boolean;
  /** Article list items carry each `body` (LIST_INCLUDES_BODY), for clients of the pre-2024 contract. */
  readonly listIncludesBody: boolean;
  readonly rateLimits: RateLimits;
  readonly search: {
    /** How long one search statement may run before it is cancelled. */
    readonly timeoutMs: number;
    /** How many matches a search ranks and counts, the newest first (at most SEARCH_COUNT_MAX). */
    readonly candidates: number;
  };
  readonly assets: {
    /** The long side of stored images, at most (larger uploads are scaled down to fit). */
    readonly maxDimension: number;
  };
  /** The in-process cache of anonymous reads (http/read-cache.ts); 0 entries = off. */
  readonly readCache: {
    /** Answers kept at most. */
    readonly maxEntries: number;
    /** Bytes of answers kept at most. */
    readonly maxBytes: number;
  };
  /**
   * How long a replica asked to stop keeps taking requests while its readiness already fails,
   * so a load balancer that polls readiness takes it out before it stops listening.
   */
  readonly shutdownDelayMs: number;
}

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DEV_ASSET_BASE_URL = 'http://localhost:4569/inkwell-assets';
/** Where the default avatar lives inside the bucket (see publishDefaultAvatar). */
export const DEFAULT_AVATAR_KEY = 'defaults/avatar.svg';
/** Express's names for address ranges, accepted in TRUST_PROXY. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
// On in every mode: generous for people, a brake on scripts. Each is `count/window` or `off`.
const RATE_LIMIT_DEFAULTS = {
  RATE_LIMIT_SIGN_UP: '20/1h',
  RATE_LIMIT_SIGN_IN_ACCOUNT: '10/15m',
  RATE_LIMIT_SIGN_IN_ADDRESS: '100/15m',
  RATE_LIMIT_WRITES: '60/5m',
  RATE_LIMIT_UPLOADS: '30/5m',
  RATE_LIMIT_SEARCH: '60/1m',
} as const;
/** WebP cannot encode a side longer than this. */
const WEBP_MAX_DIMENSION = 16383;

/** Reads and validates the configuration from `env` (process.env by default). */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const nodeEnvRaw = text('NODE_ENV') ?? 'development';
  let nodeEnv: NodeEnv = 'development';
  if (nodeEnvRaw === 'development' || nodeEnvRaw === 'test' || nodeEnvRaw === 'production') {
    nodeEnv = nodeEnvRaw;
  } else {
    problems.push(`NODE_ENV must be development, test or production (got "${nodeEnvRaw}")`);
  }
  const production = nodeEnv === 'production';

  const host = text('HOST') ?? '127.0.0.1';
  if (!isHost(host)) problems.push(`HOST must be an IP address or a host name (got "${host}")`);
  const port = integer(text('PORT') ?? '3000', 0, 65535);
  if (port === null) problems.push('PORT must be an integer from 0 to 65535');
  const metricsPortRaw = text('METRICS_PORT');
  const metricsPort = metricsPortRaw === undefined ? null : integer(metricsPortRaw, 0, 65535);
  if (metricsPortRaw !== undefined && metricsPort === null) {
    problems.push('METRICS_PORT must be an integer from 0 to 65535, or unset for no metrics');
  } else if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) {
    problems.push('METRICS_PORT must differ from PORT');
  }
  const metricsHost = text('METRICS_HOST') ?? '127.0.0.1';
  if (!isHost(metricsHost)) problems.push(`METRICS_HOST must be an IP address or a host name (got "${metricsHost}")`);

  const trustProxyRaw = (text('TRUST_PROXY') ?? 'loopback').toLowerCase();
  const trustProxy =
    trustProxyRaw === 'none'
      ? []
      : trustProxyRaw
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== '');
  for (const entry of trustProxy) {
    if (!isProxyAddress(entry)) {
      problems.push(
        `TRUST_PROXY has "${entry}", which is neither an address, a CIDR range, loopback, linklocal nor uniquelocal`,
      );
    }
  }

  const logLevel = text('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl === undefined) {
    problems.push('DATABASE_URL is required (postgres://user:password@host:port/database)');
  } else if (!/^postgres(ql)?:\/\//.test(databaseUrl) || !isUrl(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  const poolMax = integer(text('DATABASE_POOL_MAX') ?? '10', 1, 1000);
  if (poolMax === null) problems.push('DATABASE_POOL_MAX must be an integer from 1 to 1000');

  let jwtSecret = text('JWT_SECRET');
  const jwtSecretEphemeral = jwtSecret === undefined && !production;
  if (jwtSecret === undefined) {
    if (production) problems.push('JWT_SECRET is required when NODE_ENV=production');
    // The local runners always pass one that lasts; a process started on its own gets a key that
    // dies with it (main.ts warns), never a file written from inside the service.
    else jwtSecret = randomBytes(48).toString('base64url');
  } else if (Buffer.byteLength(jwtSecret) < 32) {
    problems.push('JWT_SECRET must be at least 32 bytes long');
  }

  const sessionTtlSeconds = duration(text('SESSION_TTL') ?? '30d', 60, 365 * 86_400);
  if (sessionTtlSeconds === null) {
    problems.push('SESSION_TTL must be a duration from 1m to 365d with its unit, e.g. 30d, 12h, 90m or 3600s');
  }

  const corsOrigins = (text('CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS has "${origin}", which is not an origin like https://example.com`);
    }
  }

  const s3Endpoint = text('S3_ENDPOINT');
  if (s3Endpoint !== undefined && !isHttpUrl(s3Endpoint)) problems.push('S3_ENDPOINT must be an http(s) URL or empty');
  const forcePathStyleRaw = text('S3_FORCE_PATH_STYLE') ?? (s3Endpoint ? 'true' : 'false');
  const forcePathStyle = bool(forcePathStyleRaw);
  if (forcePathStyle === null) problems.push('S3_FORCE_PATH_STYLE must be true or false');
  const bucket = text('S3_BUCKET') ?? (production ? undefined : 'inkwell-assets');
  if (bucket === undefined) problems.push('S3_BUCKET is required when NODE_ENV=production');

  const assetBase = (text('ASSET_PUBLIC_BASE_URL') ?? (production ? undefined : DEV_ASSET_BASE_URL))?.replace(
    /\/+$/,
    '',
  );
  if (assetBase === undefined) problems.push('ASSET_PUBLIC_BASE_URL is required when NODE_ENV=production');
  else if (!isHttpUrl(assetBase)) problems.push('ASSET_PUBLIC_BASE_URL must be an http(s) URL');

  const explicitAvatar = text('DEFAULT_AVATAR_URL');
  if (explicitAvatar !== undefined && !isHttpUrl(explicitAvatar)) {
    problems.push('DEFAULT_AVATAR_URL must be an http(s) URL');
  }

  const listIncludesBody = bool(text('LIST_INCLUDES_BODY') ?? 'false');
  if (listIncludesBody === null) problems.push('LIST_INCLUDES_BODY must be true or false');

  const limit = (name: keyof typeof RATE_LIMIT_DEFAULTS): RateLimitRule | null => {
    const raw = text(name) ?? RATE_LIMIT_DEFAULTS[name];
    const rule = rateLimitRule(raw);
    if (rule === undefined) {
      problems.push(`${name} must be "off" or a count per window such as 20/1h, 10/15m or 60/30s (got "${raw}")`);
      return null;
    }
    return rule;
  };
  const rateLimits: RateLimits = {
    signUp: limit('RATE_LIMIT_SIGN_UP'),
    signInAccount: limit('RATE_LIMIT_SIGN_IN_ACCOUNT'),
    signInAddress: limit('RATE_LIMIT_SIGN_IN_ADDRESS'),
    writes: limit('RATE_LIMIT_WRITES'),
    uploads: limit('RATE_LIMIT_UPLOADS'),
    search: limit('RATE_LIMIT_SEARCH'),
  };

  const searchTimeoutMs = integer(text('SEARCH_TIMEOUT_MS') ?? '1000', 50, 60_000);
  if (searchTimeoutMs === null) problems.push('SEARCH_TIMEOUT_MS must be an integer from 50 to 60000');
  const searchCandidates = integer(text('SEARCH_CANDIDATES') ?? String(SEARCH_COUNT_MAX), 100, SEARCH_COUNT_MAX);
  if (searchCandidates === null) {
    problems.push(`SEARCH_CANDIDATES must be an integer from 100 to ${SEARCH_COUNT_MAX}`);
  }

  const maxDimension = integer(text('ASSET_MAX_DIMENSION') ?? '4096', 1280, WEBP_MAX_DIMENSION);
  if (maxDimension === null) {
    problems.push(`ASSET_MAX_DIMENSION must be an integer from 1280 to ${WEBP_MAX_DIMENSION}`);
  }

  const readCacheEntries = integer(text('READ_CACHE_ENTRIES') ?? '10000', 0, 1_000_000);
  if (readCacheEntries === null) problems.push('READ_CACHE_ENTRIES must be an integer from 0 (off) to 1000000');
  const readCacheMb = integer(text('READ_CACHE_MB') ?? '64', 1, 65_536);
  if (readCacheMb === null) problems.push('READ_CACHE_MB must be an integer from 1 to 65536');

  const shutdownDelayMs = integer(text('SHUTDOWN_DELAY_MS') ?? '0', 0, 60_000);
  if (shutdownDelayMs === null) problems.push('SHUTDOWN_DELAY_MS must be an integer from 0 to 60000');

  if (problems.length > 0) throw new ConfigError(problems);

  return deepFreeze({
    nodeEnv,
    host,
    port: port!,
    metrics: { port: metricsPort, host: metricsHost },
    trustProxy,
    logLevel,
    database: { url: databaseUrl!, poolMax: poolMax! },
    jwtSecret: jwtSecret!,
    jwtSecretEphemeral,
    sessionTtlSeconds: sessionTtlSeconds!,
    corsOrigins,
    webDistDir: text('WEB_DIST_DIR') ?? null,
    storage: {
      endpoint: s3Endpoint,
      region: text('S3_REGION') ?? 'us-east-1',
      bucket: bucket!,
      forcePathStyle: forcePathStyle!,
      publicBaseUrl: assetBase!,
    },
    defaultAvatarUrl: explicitAvatar ?? `${assetBase}/${DEFAULT_AVATAR_KEY}`,
    defaultAvatarInBucket: explicitAvatar === undefined,
    listIncludesBody: listIncludesBody!,
    rateLimits,
    search: { timeoutMs: searchTimeoutMs!, candidates: searchCandidates! },
    assets: { maxDimension: maxDimension! },
    readCache: { maxEntries: readCacheEntries!, maxBytes: readCacheMb! * 1024 * 1024 },
    shutdownDelayMs: shutdownDelayMs!,
  });
}

/** Only DATABASE_URL, validated: for tasks such as migrations that need nothing else. */
export function loadDatabaseUrl(env: Env = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) throw new ConfigError(['DATABASE_URL is required (postgres://user:password@host:port/database)']);
  if (!/^postgres(ql)?:\/\//.test(url) || !isUrl(url))
    throw new ConfigError(['DATABASE_URL must be a postgres:// URL']);
  return url;
}

function integer(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** '30d' → 2592000 seconds, when from `min` to `max`; a bare number is refused (which unit?). */
function duration(raw: string, min: number, max: number): number | null {
  const match = /^(\d{1,9})\s*([smhd])$/.exec(raw);
  if (!match) return null;
  const seconds = Number(match[1]) * WINDOW_UNITS[match[2]!]!;
  return seconds >= min && seconds <= max ? seconds : null;
}

/** '20/1h' → 20 per 3600 s; 'off' → null; anything else → undefined. */
function rateLimitRule(raw: string): RateLimitRule | null | undefined {
  if (/^off$/i.test(raw)) return null;
  const match = /^(\d{1,9})\s*\/\s*(\d{1,6})\s*([smhd])$/.exec(raw);
  if (!match) return undefined;
  const max = Number(match[1]);
  const windowSeconds = Number(match[2]) * WINDOW_UNITS[match[3]!]!;
  if (max < 1 || windowSeconds < 1 || windowSeconds > 7 * 86_400) return undefined;
  return { max, windowSeconds };
}

function isHost(raw: string): boolean {
  return (
    isIP(raw) !== 0 ||
    /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
      raw,
    )
  );
}

/** An address, an address/prefix range, or one of Express's named ranges. */
function isProxyAddress(raw: string): boolean {
  if (PROXY_RANGES.includes(raw)) return true;
  const [address = '', prefix, ...rest] = raw.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = integer(prefix, 0, family === 4 ? 32 : 128);
  return bits !== null;
}

function bool(raw: string): boolean | null {
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  return null;
}

function isUrl(raw: string): boolean {
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(raw: string): boolean {
  return /^https?:\/\//.test(raw) && isUrl(raw);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
