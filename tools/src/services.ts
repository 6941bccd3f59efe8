// The stateful services the API needs, started locally unless the environment names real ones:
// no DATABASE_URL → embedded PostgreSQL in <dataDir>/postgres with a database `inkwell`;
// no S3_ENDPOINT → local S3 in <dataDir>/s3 (S3_ENDPOINT set but empty means AWS itself);
// no JWT_SECRET → a development secret persisted in <dataDir>/secrets.json.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_POSTGRES_PORT,
  DEFAULT_S3_PORT,
  loadOrCreateSecrets,
  startEmbeddedPostgres,
  startLocalS3,
} from '@inkwell/local';

export const DATABASE_NAME = 'inkwell';
export const DEFAULT_BUCKET = 'inkwell-assets';
export const DEFAULT_REGION = 'us-east-1';

export interface BackingServicesOptions {
  /** Holds postgres/, s3/ and secrets.json. */
  dataDir: string;
  /** The environment to read (DATABASE_URL, S3_*, JWT_SECRET, ASSET_PUBLIC_BASE_URL). */
  env: NodeJS.ProcessEnv;
  /** Embedded PostgreSQL port (default 54329; 0 = any free port). */
  postgresPort?: number;
  /** Local S3 port (default 4569; 0 = any free port). */
  s3Port?: number;
  /** Browser origins that load images from the local S3 (its bucket CORS). */
  corsOrigins: string[];
  log: (line: string) => void;
}

export interface BackingServices {
  /** Variables the API needs on top of the caller's environment. */
  env: Record<string, string>;
  /** Which services were started here (false: taken from the environment). */
  started: { postgres: boolean; s3: boolean };
  /** Stops what was started here (PostgreSQL and S3 in parallel). Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts what the environment does not provide and returns the API's variables for it. */
export async function startBackingServices(options: BackingServicesOptions): Promise<BackingServices> {
  const { env, log } = options;
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= Promise.allSettled(stops.map((fn) => fn())).then((results) => {
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
    }));
  const apiEnv: Record<string, string> = {};
  const needPostgres = !env.DATABASE_URL;
  const needS3 = env.S3_ENDPOINT === undefined;

  try {
    if (needPostgres) {
      const dataDir = path.join(options.dataDir, 'postgres');
      log(`starting embedded PostgreSQL (${dataDir})`);
      const postgres = await startEmbeddedPostgres({
        dataDir,
        port: options.postgresPort ?? DEFAULT_POSTGRES_PORT,
        handleSignals: false, // the caller stops us in order
      });
      stops.push(() => postgres.stop());
      if (await postgres.createDatabase(DATABASE_NAME)) log(`created database ${DATABASE_NAME}`);
      apiEnv.DATABASE_URL = postgres.urlFor(DATABASE_NAME);
      // As root from a private folder the cluster lives where the postgres user can reach it.
      const linked = (await lstat(dataDir)).isSymbolicLink();
      const kept = linked ? ` (data in ${postgres.dataDir}, linked from ${dataDir})` : '';
      log(`PostgreSQL ready on 127.0.0.1:${postgres.port}${kept}`);
    }

    if (needS3) {
      const dataDir = path.join(options.dataDir, 's3');
      const bucket = env.S3_BUCKET || DEFAULT_BUCKET;
      log(`starting local S3 (${dataDir})`);
      const s3 = await startLocalS3({
        dataDir,
        port: options.s3Port ?? DEFAULT_S3_PORT,
        bucket,
        corsOrigins: options.corsOrigins,
      });
      stops.push(() => s3.stop());
      Object.assign(apiEnv, {
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        S3_BUCKET: bucket,
        S3_FORCE_PATH_STYLE: 'true',
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        ASSET_PUBLIC_BASE_URL: env.ASSET_PUBLIC_BASE_URL || s3.publicBaseUrl,
      });
      log(`S3 ready on ${s3.endpoint}, bucket ${bucket}, public at ${apiEnv.ASSET_PUBLIC_BASE_URL}`);
    } else {
      apiEnv.S3_REGION = env.S3_REGION || DEFAULT_REGION;
      apiEnv.S3_BUCKET = env.S3_BUCKET || DEFAULT_BUCKET;
    }

    apiEnv.JWT_SECRET = env.JWT_SECRET || (await loadOrCreateSecrets(options.dataDir)).JWT_SECRET;
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { env: apiEnv, started: { postgres: needPostgres, s3: needS3 }, stop };
}
