// HTTP binding for the health checks: the full report (getHealth), liveness and readiness.
import type { OperationHandler, OperationResult } from '../../http/operation.js';
import { checkDatabase, checkHealth } from './health-service.js';

const NAMES = { database: 'database', objectStore: 'objectStore' } as const;
const NO_STORE = { 'Cache-Control': 'no-store' };

export const getHealth: OperationHandler<'getHealth'> = async ({ deps }) => {
  const checks = await checkHealth(deps.db, deps.objectStore);
  const down = (Object.keys(NAMES) as (keyof typeof NAMES)[]).filter((name) => checks[name].status === 'down');
  if (down.length === 0) return { status: 200, body: { status: 'ok', checks }, headers: NO_STORE };
  return {
    status: 503,
    body: {
      status: 'unavailable',
      checks,
      errors: Object.fromEntries(down.map((name) => [NAMES[name], ['is unavailable']])),
    },
    headers: NO_STORE,
  };
};

/** Answering at all is the whole check: nothing outside the process decides whether it lives. */
export const getLiveness: OperationHandler<'getLiveness'> = () =>
  Promise.resolve({ status: 200, body: { status: 'ok' }, headers: NO_STORE });

/** Ready while not stopping and the database answers (see openapi/paths/health_ready.yaml). */
export const getReadiness: OperationHandler<'getReadiness'> = async ({ deps }) => {
  const unavailable = (topic: string, message: string): OperationResult<'getReadiness'> => ({
    status: 503,
    body: { status: 'unavailable', errors: { [topic]: [message] } },
    headers: { ...NO_STORE, 'Retry-After': '1' },
  });
  if (deps.lifecycle?.draining) return unavailable('server', 'is shutting down');
  const database = await checkDatabase(deps.db);
  if (database.status === 'down') return unavailable('database', 'is unavailable');
  return { status: 200, body: { status: 'ok' }, headers: NO_STORE };
};
