// The load's users. The API limits writes and uploads per account (RATE_LIMIT_WRITES 60/5m,
// RATE_LIMIT_UPLOADS 30/5m by default) and sign-ups per client address (20/1h): a 429 would read
// as a failure, so the run raises no limit and stays under each instead. It signs up enough
// accounts, a batch from each of several loopback addresses (nginx passes the address on, the API
// counts by it), and every account keeps the times of its own recent writes and uploads, so the
// load never sends one past the limit.
import { type Target, loopbackTarget, send } from '../fuzz/http.js';
import { API_BASE } from './client.js';

/** Below the defaults, with room for requests the API counted but we could not see answered. */
export const ACCOUNT_BUDGETS = {
  writes: { max: 50, windowMs: 5 * 60_000 },
  uploads: { max: 25, windowMs: 5 * 60_000 },
} as const;
const SIGN_UPS_PER_ADDRESS = 15;
const SIGN_UP_CONCURRENCY = 2;
const SIGN_UP_TIMEOUT_MS = 30_000;

export type Budgeted = keyof typeof ACCOUNT_BUDGETS;

export class Account {
  private readonly used: Record<Budgeted, number[]> = { writes: [], uploads: [] };

  constructor(
    readonly username: string,
    readonly token: string,
  ) {}

  /** Whether one more request of this sort stays under its limit; if so, counts it. */
  take(budget: Budgeted, now: number): boolean {
    const { max, windowMs } = ACCOUNT_BUDGETS[budget];
    const times = this.used[budget];
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
    if (times.length >= max) return false;
    times.push(now);
    return true;
  }
}

/** Signs up `count` accounts through the site, `SIGN_UPS_PER_ADDRESS` from each loopback address. */
export async function signUpAccounts(siteUrl: string, runId: string, count: number): Promise<Account[]> {
  const targets: Target[] = [];
  for (let i = 0; i < Math.ceil(count / SIGN_UPS_PER_ADDRESS); i += 1) {
    targets.push(loopbackTarget(siteUrl, SIGN_UP_TIMEOUT_MS));
  }
  const accounts: Account[] = [];
  let next = 0;
  const signUpNext = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const target = targets[Math.floor(index / SIGN_UPS_PER_ADDRESS)]!;
      accounts[index] = await signUp(target, `chaos${runId}u${index}`);
    }
  };
  await Promise.all(Array.from({ length: SIGN_UP_CONCURRENCY }, signUpNext));
  return accounts;
}

async function signUp(target: Target, username: string): Promise<Account> {
  const user = { username, email: `${username}@example.com`, password: `${username}-password` };
  const reply = await send(target, { method: 'POST', path: `${API_BASE}/users`, json: { user } });
  let token: unknown;
  try {
    token = (JSON.parse(reply.body) as { user?: { token?: unknown } }).user?.token;
  } catch {
    // not JSON: reported below
  }
  if (reply.status !== 201 || typeof token !== 'string') {
    throw new Error(`signing up ${username} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  }
  return new Account(username, token);
}
