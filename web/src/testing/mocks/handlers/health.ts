// Health: the mock has no dependencies to lose, so it is always up unless the network controls
// make it fail (then it answers 503 in the health report's own shape; see ./network.ts).
import { http } from './http';

export const healthHandlers = [
  // Needs no token and ignores one that is sent, as the API does.
  http.get('/health', ({ response }) =>
    response(200).json({
      status: 'ok',
      checks: { database: { status: 'up', latencyMs: 1 }, objectStore: { status: 'up', latencyMs: 2 } },
    }),
  ),
  http.get('/health/live', ({ response }) => response(200).json({ status: 'ok' })),
  http.get('/health/ready', ({ response }) => response(200).json({ status: 'ok' })),
];
