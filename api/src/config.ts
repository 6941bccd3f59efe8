// The service's configuration: read from the environment once, validated as a whole, frozen.
// This is the only module that reads process.env.
import { randomBytes } from 'node:crypto';
import type { StorageConfig } from './storage/s3.js';

export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly logLevel: string;
  readonly database: {
    readonly url: string;
    /** Connections held by one process. */
    readonly poolMax: number;
  };
  readonly jwtSecret: string;
  /** True when JWT_SECRET was not given (outside production) and this process made up its own. */
  readonly jwtSecretEphemeral: boolean;
  /** Browser origins allowed to call the API cross-origin; empty = same origin only. */
  readonly corsOrigins: readonly string[];
  /** A built web app to serve with SPA fallback when no reverse proxy fronts the API. */
  readonly webDistDir: string | null;
  readonly storage: Readonly<StorageConfig>;
  /** The image shown for users without one of their own (Conduit clients need a string). */
  readonly defaultAvatarUrl: string;
  /** True when DEFAULT_AVATAR_URL was not given and the avatar lives in our own bucket. */
  readonly defaultAvatarInBucket: boolean;
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

  const port = integer(text('PORT') ?? '3000', 0, 65535);
  if (port === null) problems.push('PORT must be an integer from 0 to 65535');

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

  if (problems.length > 0) throw new ConfigError(problems);

  return deepFreeze({
    nodeEnv,
    port: port!,
    logLevel,
    database: { url: databaseUrl!, poolMax: poolMax! },
    jwtSecret: jwtSecret!,
    jwtSecretEphemeral,
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
