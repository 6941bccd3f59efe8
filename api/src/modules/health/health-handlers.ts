// HTTP binding for the health check: 200 when every dependency is up, 503 naming those down.
import type { OperationHandler } from '../../http/operation.js';
import { checkHealth } from './health-service.js';

const NAMES = { database: 'database', objectStore: 'objectStore' } as const;

export const getHealth: OperationHandler<'getHealth'> = async ({ deps }) => {
  const checks = await checkHealth(deps.db, deps.objectStore);
  const down = (Object.keys(NAMES) as (keyof typeof NAMES)[]).filter((name) => checks[name].status === 'down');
  if (down.length === 0)
    return { status: 200, body: { status: 'ok', checks }, headers: { 'Cache-Control': 'no-store' } };
  return {
    status: 503,
    body: {
      status: 'unavailable',
      checks,
      errors: Object.fromEntries(down.map((name) => [NAMES[name], ['is unavailable']])),
    },
    headers: { 'Cache-Control': 'no-store' },
  };
};
