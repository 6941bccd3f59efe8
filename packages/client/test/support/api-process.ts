// One real API for the pack test: the built API (api/dist/main.js) started by the tools' throwaway
// stack as a single process on a free port (no nginx, no web app), with its migrations run, a local
// S3, and a fresh database: created beside the one DATABASE_URL names and dropped afterwards, or,
// without DATABASE_URL, in an embedded PostgreSQL of its own.
import { startThrowawayStack } from '@inkwell/tools/throwaway-stack';

export interface RunningApi {
  /** The API base URL, e.g. `http://127.0.0.1:3001/api/v1`. */
  baseUrl: string;
  /** Every line the API (and the stack) printed so far, `source | line`. */
  readonly output: string[];
  /** Stops the API, S3 and PostgreSQL, drops the database and removes the data. */
  stop(): Promise<void>;
}

/** Starts the API; rejects with its last output when it does not start. */
export async function startApi(): Promise<RunningApi> {
  const stack = await startThrowawayStack({
    name: 'client',
    // `test` switches on the API's response validation: an answer the contract does not allow is a 500.
    env: { NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    databaseServerUrl: process.env.DATABASE_URL?.trim() || undefined,
    nginx: false,
    webApp: false,
  });
  return {
    baseUrl: `${stack.apiUrls[0]}/api/v1`,
    get output() {
      return stack.output.map(({ source, line }) => `${source} | ${line}`);
    },
    stop: () => stack.stop(),
  };
}
