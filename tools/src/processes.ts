// Child processes the tools supervise (API replicas, nginx, vite), plus the port and HTTP
// readiness helpers they need. Every child's output is read line by line and tagged with its name.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** How a child ended. */
export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: Error;
}

/** Receives each output line of each child. */
export type OutputSink = (source: string, line: string, stream: 'stdout' | 'stderr') => void;

/** Default sink: `name | line` on our own stdout/stderr. */
export const prefixedOutput: OutputSink = (source, line, stream) => {
  if (line.trim() === '') return;
  (stream === 'stderr' ? process.stderr : process.stdout).write(`${source.padEnd(7)} | ${line}\n`);
};

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Settles when the process has ended, however it ended. */
  readonly exited: Promise<ChildExit>;
  /** True once stop() was called: an exit after that is expected. */
  readonly stopping: boolean;
  /** The last lines it printed, for error messages. */
  recentOutput(): string;
  /** Sends `signal`, waits up to `timeoutMs`, then SIGKILL. Safe to call twice. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<ChildExit>;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  output: OutputSink;
  /**
   * Run it in a process group of its own and signal the whole group, for commands that wrap the
   * real server (npm → sh → vite) and may not pass signals on.
   */
  processGroup?: boolean;
}

const TAIL_LINES = 30;

/** Starts a child with stdin closed and stdout/stderr fed line by line to `output`. */
export function spawnManaged(name: string, command: string, args: string[], options: SpawnOptions): ManagedProcess {
  const tail: string[] = [];
  // stdin is closed on purpose: a child of a background process group that reads the terminal
  // would be stopped by SIGTTIN (see supervise.ts).
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.processGroup ?? false,
  });
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (options.processGroup && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (!source) continue;
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.output(name, line, stream);
    });
  }
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('error', (error) => resolve({ name, code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ name, code, signal }));
  });
  let stopping: Promise<ChildExit> | undefined;

  return {
    name,
    child,
    exited,
    get stopping() {
      return stopping !== undefined;
    },
    recentOutput: () => tail.join('\n'),
    stop(stopSignal, timeoutMs) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
          signal(stopSignal);
          const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
          try {
            await exited;
          } finally {
            clearTimeout(timer);
          }
        }
        // The wrapper may exit before what it wrapped: give the rest of the group a moment, then
        // make sure it goes too.
        if (options.processGroup && child.pid !== undefined) {
          const deadline = Date.now() + Math.min(timeoutMs, 5_000);
          while (groupAlive(child.pid) && Date.now() < deadline) await sleep(100);
          signal('SIGKILL');
        }
        return exited;
      })();
      return stopping;
    },
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Describes an exit for a log line or an error message. */
export function describeExit(exit: ChildExit): string {
  if (exit.error) return `${exit.name} could not start: ${exit.error.message}`;
  return exit.signal ? `${exit.name} was killed by ${exit.signal}` : `${exit.name} exited with code ${exit.code}`;
}

/** Runs a command to completion (used for one-shot steps such as migrations); rejects on failure. */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): Promise<void> {
  const run = spawnManaged(name, command, args, options);
  const exit = await run.exited;
  if (exit.code !== 0) throw new Error(`${describeExit(exit)}\n${run.recentOutput()}`);
}

/** Fails early, with the port in the message, rather than after half the stack is up. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} (${what}) is already in use; is another Inkwell running?`
            : `port ${port} (${what}): ${error.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * Polls `url` until it answers 200. Rejects after `timeoutMs`, as soon as `process` exits (with
 * the process's last output in the message), or when `signal` aborts.
 */
export async function waitForHttpOk(
  url: string,
  { timeoutMs, process: watched, signal }: { timeoutMs: number; process?: ManagedProcess; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: ChildExit | undefined;
  void watched?.exited.then((value) => (exit = value));
  let last = 'no answer';
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (exit && watched) throw new Error(`${describeExit(exit)} before ${url} answered\n${watched.recentOutput()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : 'error';
    }
    await sleep(200);
  }
  throw new Error(
    `${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})` +
      (watched ? `\n${watched.recentOutput()}` : ''),
  );
}
