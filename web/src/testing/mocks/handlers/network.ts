// Simulated network conditions (see ../controls.ts): runs before every API handler, waits the
// configured latency, and fails the request when the controls say so (a 429 only where the API
// rate-limits, ../rate-limits.ts). Returning nothing hands the request on to the real mock
// handler. It only claims requests while a control is active:
// a handler that matched counts as handling the request for MSW, which would otherwise let an
// unknown API path pass through silently instead of failing the test as unhandled.
import type { components } from '@inkwell/openapi';
import { HttpResponse, delay, http as mswHttp } from 'msw';

import { mockControls } from '../controls';
import { rateLimitRefusal } from '../rate-limits';
import { API_BASE_PATH, type ErrorEnvelope } from './http';

type HealthReport = components['schemas']['HealthReport'];
type Probe = components['schemas']['Probe'];

/**
 * A failure in the contract's shape; `GET /health` and `GET /health/ready` answer 503 with their
 * own report. A 429 is the API's own, or undefined (no failure) for a request the API never
 * rate-limits; so is a 503 for the liveness probe, which checks no dependency.
 */
function failure(status: 429 | 500 | 503, method: string, url: URL, apiPath: string): Response | undefined {
  if (status === 429) {
    const refusal = rateLimitRefusal(method, apiPath, url);
    if (!refusal) return undefined;
    return HttpResponse.json(refusal.body, {
      status,
      headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
    });
  }
  if (status === 503 && method === 'GET' && apiPath === '/health/live') return undefined;
  if (status === 503 && method === 'GET' && apiPath === '/health/ready') {
    const probe: Probe = { status: 'unavailable', errors: { database: ['is unavailable'] } };
    return HttpResponse.json(probe, { status, headers: { 'Retry-After': '1' } });
  }
  if (status === 503 && method === 'GET' && apiPath === '/health') {
    const report: HealthReport = {
      status: 'unavailable',
      checks: { database: { status: 'down', latencyMs: 2000 }, objectStore: { status: 'up', latencyMs: 3 } },
      errors: { database: ['is unavailable'] },
    };
    return HttpResponse.json(report, { status });
  }
  const body: ErrorEnvelope =
    status === 500
      ? { errors: { server: ['internal error'] } }
      : { errors: { database: ['is unavailable, retry later'] } };
  return HttpResponse.json(body, { status, headers: status === 503 ? { 'Retry-After': '1' } : {} });
}

function controlsApply(request: Request): boolean {
  const { latencyMs, errorRate } = mockControls.get();
  return (latencyMs > 0 || errorRate > 0) && new URL(request.url).pathname.startsWith(`${API_BASE_PATH}/`);
}

export const networkHandlers = [
  mswHttp.all(
    ({ request }) => controlsApply(request),
    async ({ request }) => {
      const { latencyMs, errorStatus } = mockControls.get();
      if (latencyMs > 0) await delay(latencyMs);
      const url = new URL(request.url);
      const apiPath = url.pathname.slice(API_BASE_PATH.length);
      if (mockControls.shouldFail(request.method, apiPath)) return failure(errorStatus, request.method, url, apiPath);
      return undefined;
    },
  ),
];
