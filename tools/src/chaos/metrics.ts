// What the replicas say about themselves, read from their Prometheus endpoints (text format): the
// requests each has answered (and how many with 5xx), its database pool, and when its process
// started. A metric that is not there, or an endpoint that does not answer, is undefined and shown
// as "n/a": the harness reports with what it gets and never fails for want of a metric.

export interface ReplicaMetrics {
  /** Sum of inkwell_http_requests_total over its labels. */
  requests?: number;
  /** The same, for status 5xx. */
  serverErrors?: number;
  /** inkwell_db_pool_connections by state. */
  pool?: { total?: number; idle?: number; waiting?: number };
  /** process_start_time_seconds. */
  startTime?: number;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SCRAPE_TIMEOUT_MS = 2_000;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Reads every replica's metrics at once; an unreachable one gives an empty record. */
export function scrapeAll(urls: readonly string[]): Promise<ReplicaMetrics[]> {
  return Promise.all(urls.map(scrape));
}

async function scrape(url: string): Promise<ReplicaMetrics> {
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    if (!response.ok) return {};
    text = await response.text();
  } catch {
    return {};
  }
  return summarise(parseSamples(text));
}

/** The samples of a Prometheus text exposition (comments and malformed lines skipped). */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line.trim());
    if (!match) continue;
    const value = Number(match[3]);
    if (Number.isNaN(value)) continue;
    const labels: Record<string, string> = {};
    for (const [, name, raw] of (match[2] ?? '').matchAll(LABEL)) labels[name!] = raw!.replace(/\\(.)/g, '$1');
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

function summarise(samples: Sample[]): ReplicaMetrics {
  const named = (name: string): Sample[] => samples.filter((sample) => sample.name === name);
  const sum = (list: Sample[]): number | undefined =>
    list.length === 0 ? undefined : list.reduce((total, sample) => total + sample.value, 0);
  const requests = named('inkwell_http_requests_total');
  const pool = named('inkwell_db_pool_connections');
  const poolState = (state: string): number | undefined => pool.find((sample) => sample.labels.state === state)?.value;
  return {
    requests: sum(requests),
    serverErrors:
      requests.length === 0 ? undefined : (sum(requests.filter((s) => /^5/.test(s.labels.status ?? ''))) ?? 0),
    pool:
      pool.length === 0
        ? undefined
        : { total: poolState('total'), idle: poolState('idle'), waiting: poolState('waiting') },
    startTime: named('process_start_time_seconds')[0]?.value,
  };
}
