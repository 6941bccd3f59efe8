// What Lighthouse's LCP estimate waited for. With simulated throttling (the mobile preset),
// Lighthouse does not time the page on a slow network: it records it unthrottled, then replays
// the requests and main-thread tasks that came before the largest paint on a simulated phone
// (slow 4G, 4x CPU), and the estimate is when the last of them ends. Listing that replay, request
// by request, shows which file or call an LCP is made of, which the report itself does not.
// Lighthouse's computed artifacts are internal modules; they are used here only to explain.
import type { Artifacts, Result } from 'lighthouse';
import { LoadSimulator } from 'lighthouse/core/computed/load-simulator.js';
import { LanternLargestContentfulPaint } from 'lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js';

interface SimulatedRequest {
  url: string;
  resourceType: string;
  transferSize: number;
  /** Simulated milliseconds from the navigation. */
  start: number;
  end: number;
}

export interface LcpPath {
  /** Lighthouse's estimate: the mean of its optimistic and pessimistic replays (ms). */
  estimate: number;
  /** The requests of the optimistic replay, in the order they start. */
  requests: SimulatedRequest[];
}

/** Replays the LCP of one run, as Lighthouse did for its score. */
export async function simulateLcpPath(artifacts: Artifacts, lhr: Result): Promise<LcpPath> {
  const settings = lhr.configSettings;
  const context: Artifacts.ComputedContext = { computedCache: new Map() };
  const devtoolsLog = artifacts.DevtoolsLog;
  const simulator = await LoadSimulator.request({ devtoolsLog, settings }, context);
  const data: Artifacts.MetricComputationDataInput = {
    trace: artifacts.Trace,
    devtoolsLog,
    gatherContext: artifacts.GatherContext,
    settings,
    simulator,
    URL: artifacts.URL,
    SourceMaps: artifacts.SourceMaps,
  };
  const lcp = await LanternLargestContentfulPaint.request(data, context);
  const requests: SimulatedRequest[] = [];
  for (const [node, timing] of lcp.optimisticEstimate.nodeTimings) {
    if (node.type !== 'network') continue;
    const { request } = node;
    requests.push({
      url: request.url,
      resourceType: request.resourceType ?? 'Other',
      transferSize: request.transferSize,
      start: timing.startTime,
      end: timing.endTime,
    });
  }
  requests.sort((a, b) => a.start - b.start || a.end - b.end);
  return { estimate: lcp.timing, requests };
}

/** The replay as lines: start and end (s), size, type and path of each request. */
export function formatLcpPath({ estimate, requests }: LcpPath, origin: string): string[] {
  const seconds = (ms: number) => (ms / 1000).toFixed(2).padStart(5);
  return [
    `simulated LCP ${seconds(estimate).trim()} s, after these requests (optimistic replay):`,
    ...requests.map((request) => {
      const kb = `${(request.transferSize / 1000).toFixed(1)} KB`.padStart(8);
      const where = request.url.startsWith(origin) ? request.url.slice(origin.length) : request.url;
      const shown = where.length > 72 ? `${where.slice(0, 71)}…` : where;
      return `  ${seconds(request.start)} → ${seconds(request.end)} s ${kb}  ${request.resourceType.padEnd(10)} ${shown}`;
    }),
  ];
}
