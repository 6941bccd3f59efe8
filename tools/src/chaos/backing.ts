// PostgreSQL and the object store, owned by the harness rather than by the stack, so a fault can
// take them away and bring them back: the same data dir, the same port, the same bucket, as a
// restarted server in production would be. The stack only receives their addresses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EmbeddedPostgres, type LocalS3, startEmbeddedPostgres, startLocalS3 } from '@inkwell/local';

const DATABASE_NAME = 'inkwell';
const BUCKET = 'inkwell-chaos';
/** A server killed outright leaves backends behind for a moment; a new one waits for them. */
const RESTART_TIMEOUT_MS = 30_000;
const RESTART_RETRY_MS = 250;

export class ChaosDatabase {
  private constructor(
    private server: EmbeddedPostgres | undefined,
    private readonly dataDir: string,
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<ChaosDatabase> {
    const server = await startPostgres(dataDir, 0);
    await server.createDatabase(DATABASE_NAME);
    return new ChaosDatabase(server, dataDir, server.port, server.urlFor(DATABASE_NAME));
  }

  /** Fast shutdown (SIGINT: open sessions are ended, committed work is kept); resolves once it is down. */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** SIGKILL of the postmaster, as a crash would; resolves once the process is gone. */
  async kill(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // server.dataDir, not ours: as root the cluster lives where the postgres user can reach it.
    const pidLine = (await readFile(path.join(server.dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number.parseInt(pidLine ?? '', 10);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${server.dataDir}`);
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !isAlive(pid), 10_000, `the postmaster (pid ${pid}) did not exit after SIGKILL`);
    this.server = undefined;
  }

  /** Starts the server again on its data and port; resolves once it accepts connections. */
  async start(): Promise<void> {
    const deadline = Date.now() + RESTART_TIMEOUT_MS;
    for (;;) {
      try {
        this.server = await startPostgres(this.dataDir, this.port);
        return;
      } catch (error) {
        // e.g. "pre-existing shared memory block is still in use" while killed backends exit.
        if (Date.now() > deadline) throw error;
        await sleep(RESTART_RETRY_MS);
      }
    }
  }

  /** Stops it for good (if it runs). */
  close(): Promise<void> {
    return this.stop();
  }
}

function startPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ dataDir, port, handleSignals: false });
}

export class ChaosStore {
  private constructor(
    private server: LocalS3 | undefined,
    private readonly dataDir: string,
    private readonly port: number,
    /** The variables the API needs to use it. */
    readonly env: Record<string, string>,
  ) {}

  static async start(dataDir: string): Promise<ChaosStore> {
    const server = await startS3(dataDir, 0);
    const env = {
      S3_ENDPOINT: server.endpoint,
      S3_REGION: server.region,
      S3_BUCKET: server.bucket,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
      ASSET_PUBLIC_BASE_URL: server.publicBaseUrl,
    };
    return new ChaosStore(server, dataDir, Number(new URL(server.endpoint).port), env);
  }

  /** Closes the server (its connections too); objects stay on disk. */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** Listens again on the same port, over the same objects. */
  async start(): Promise<void> {
    this.server = await startS3(this.dataDir, this.port);
  }

  close(): Promise<void> {
    return this.stop();
  }
}

function startS3(dataDir: string, port: number): Promise<LocalS3> {
  // No browser reads from it: no CORS rule.
  return startLocalS3({ dataDir, port, bucket: BUCKET, corsOrigins: [] });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(message);
    await sleep(50);
  }
}
