// Runs a long-lived command (npm start, npm run dev) as a supervisor in its own process group.
//
// Why: Ctrl-C in a terminal sends SIGINT to the whole foreground process group at once, so nginx,
// the API replicas and PostgreSQL would all stop at the same moment, the database before the API
// has finished its requests. So this script re-runs itself detached (a new process group the
// terminal does not signal) and only relays signals to it; the detached copy stops its children in
// order. If this wrapper dies, even by SIGKILL, the supervisor sees its IPC channel close and
// shuts down too.
import { fork } from 'node:child_process';
import { constants } from 'node:os';

const MARKER = 'INKWELL_SUPERVISOR';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The supervisor's body: start things, await `shutdown` (it settles with the reason when the user
 * or the system asks to stop), stop things, and return the exit code.
 */
export type SupervisedMain = (shutdown: Promise<string>) => Promise<number>;

/** Runs `main` detached with signals relayed (see above); exits the process with its exit code. */
export async function runSupervised(main: SupervisedMain): Promise<never> {
  if (process.env[MARKER] === '1' || process.platform === 'win32') return runInline(main);

  const script = process.argv[1];
  if (!script) throw new Error('cannot tell which script to supervise');
  const child = fork(script, process.argv.slice(2), {
    detached: true,
    // stdin closed: a background process group reading the terminal would be stopped (SIGTTIN).
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [MARKER]: '1' },
    execArgv: process.execArgv,
  });
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      // npm may relay the terminal's SIGINT a second time; the supervisor ignores repeats.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
  }
  const code = await new Promise<number>((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (exitCode, signal) =>
      resolve(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
    );
  });
  process.exit(code);
}

async function runInline(main: SupervisedMain): Promise<never> {
  const shutdown = new Promise<string>((resolve) => {
    for (const signal of SIGNALS) process.on(signal, () => resolve(signal));
    // The wrapper is gone (killed, terminal closed): nobody is left to stop us.
    process.on('disconnect', () => resolve('parent exited'));
  });
  let code = 1;
  try {
    code = await main(shutdown);
  } catch (error) {
    console.error(explain(error));
  }
  process.exit(code);
}

/** An error and its causes, one per line, without stacks (they are for bugs, not for "port in use"). */
export function explain(error: unknown): string {
  const lines: string[] = [];
  for (let current: unknown = error; current !== undefined && lines.length < 5;) {
    lines.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return `error: ${lines.join('\n  caused by: ')}`;
}
