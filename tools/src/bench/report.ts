// The benchmark's results as a Markdown table (pasted into tools/bench/RESULTS.md as they are).
import { cpus, loadavg } from 'node:os';
import type { Goal } from './targets.js';
import type { LoadSettings, Measurement, ProcessName } from './measure.js';

function goalText(goal: Goal): string {
  return `≥ ${goal.minRps.toLocaleString('en')} req/s${goal.maxP99Ms === undefined ? '' : `, p99 ≤ ${goal.maxP99Ms} ms`}`;
}

function milliseconds(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '?' : value.toFixed(2);
}

const PROCESS_NAMES: Record<ProcessName, string> = { web: 'web', api: 'API', db: 'DB', nginx: 'nginx', load: 'load' };

/**
 * e.g. "web 3.10 + API 0.92 + DB 0.41 + nginx 0.05 + load 0.20" for a page, "API 0.52 + DB 0.30 +
 * load 0.10" for an API read (load: the load generator).
 */
function cpuPerRequest(m: Measurement): string {
  const names: ProcessName[] = m.target.page
    ? ['web', 'api', 'db', 'nginx', 'load']
    : m.target.edge
      ? ['api', 'db', 'nginx', 'load']
      : ['api', 'db', 'load'];
  return names.map((name) => `${PROCESS_NAMES[name]} ${milliseconds(m.msPerRequest[name])}`).join(' + ');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The results table, one line per measurement. */
export function resultsTable(measurements: Measurement[]): string {
  const lines = [
    row(['target', 'data', 'req/s', 'p50 ms', 'p99 ms', 'server core', 'CPU ms/req', 'goal', 'result']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---', '---']),
  ];
  for (const m of measurements) {
    lines.push(
      row([
        `\`${m.target.label}\``,
        m.target.note,
        Math.round(m.rps).toLocaleString('en') + (m.roundsRps.length > 1 ? ` (${m.roundsRps.join(' / ')})` : ''),
        String(m.p50Ms),
        String(m.p99Ms),
        Number.isNaN(m.serverCpu) ? '?' : `${m.target.page ? 'web' : 'API'} ${Math.round(m.serverCpu * 100)} %`,
        cpuPerRequest(m),
        goalText(m.target.goal),
        m.passed ? 'pass' : m.failures > 0 ? `FAIL (${m.failures} errors)` : 'FAIL',
      ]),
    );
  }
  return lines.join('\n');
}

/** One line about the machine and the settings, since the numbers mean little without it. */
export function setupLine(settings: LoadSettings): string {
  const cores = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return (
    `${cores.length} × ${cores[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; ` +
    `autocannon ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per target` +
    `${settings.rounds > 1 ? ` (best of ${settings.rounds} rounds)` : ''}; ` +
    `load average ${load}`
  );
}
