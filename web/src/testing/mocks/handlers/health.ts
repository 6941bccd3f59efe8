// Health: the mock has no dependencies to lose, so it is always up unless the network controls
// make it fail (then it answers 503 in the health report's own shape; see ./network.ts).
import { http, identify, unauthorizedBody } from './http';

export const healthHandlers = [
  http.get('/health', ({ request, response }) => {
    // Public, but a token that is sent must be valid, as on every operation of the API.
    if (identify(request).rejected) return response(401).json(unauthorizedBody());
    return response(200).json({
      status: 'ok',
      checks: { database: { status: 'up', latencyMs: 1 }, objectStore: { status: 'up', latencyMs: 2 } },
    });
  }),
];
