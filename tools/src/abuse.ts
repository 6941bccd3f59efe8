// The negative paths of a running Inkwell, end to end through nginx: every hostile case the
// abuse-protection work fixed (tokens that outlived sign-out, rate limits, search with no word,
// oversized and control-character input, nginx's own errors in HTML, missing security headers),
// each checked for its fixed behaviour. Prints a table (case, expected, got, pass) and the counts;
// exits 1 on any failure. Loopback addresses only; every case sends a bounded number of requests.
//
// Usage: npm run abuse -w tools -- [--base-url http://127.0.0.1:8080] [--skip sign-up-limit,…]
//                                  [--source-address 127.0.0.1] [--slow-ms 250]
//   --base-url        the site nginx serves (`npm start` prints it); the API is under /api/v1.
//   --source-address  the loopback address requests leave from; default a random one in
//                     127.0.0.0/8 per run. The rate-limit cases use up that address's budgets
//                     for their windows (sign-ups: an hour by default), so a run from the address
//                     everything else uses would leave it unable to sign anyone up.
//   --skip            case ids (the table's first column) to leave out.
//   --slow-ms         longest the 1 MiB body of 200,000 invalid items may take to be refused.
import { parseArgs } from 'node:util';
import { ABUSE_CASES, DEFAULT_SLOW_MS, formatReport, runAbuse } from './abuse/run.js';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'http://127.0.0.1:8080' },
    'source-address': { type: 'string' },
    skip: { type: 'string', default: '' },
    'slow-ms': { type: 'string', default: String(DEFAULT_SLOW_MS) },
  },
});

const slowMs = Number(values['slow-ms']);
if (!Number.isSafeInteger(slowMs) || slowMs < 1 || slowMs > 60_000) {
  console.error(`--slow-ms must be a whole number from 1 to 60000, not "${values['slow-ms']}"`);
  process.exit(2);
}
const source = values['source-address'];
if (source !== undefined && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(source)) {
  console.error(`--source-address must be an IPv4 loopback address (127.x.y.z), not "${source}"`);
  process.exit(2);
}
const skip = values.skip
  .split(',')
  .map((id) => id.trim())
  .filter(Boolean);

try {
  console.log(`${ABUSE_CASES.length - skip.length} cases against ${values['base-url']}`);
  const report = await runAbuse({ baseUrl: values['base-url'], sourceAddress: source, skip, slowMs });
  console.log(formatReport(report));
  process.exit(report.failed === 0 ? 0 : 1);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
