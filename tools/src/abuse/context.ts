// What every abuse case shares: the target, the API's base path, accounts made for the run, and
// the words the report uses for an answer. Error answers are judged by the fuzzer's own rule
// (checkAnswer): JSON in the contract's shape and below 500.
import { isDeepStrictEqual } from 'node:util';
import { checkAnswer } from '../fuzz/run.js';
import { type Call, type Reply, type Target, send } from '../fuzz/http.js';

/** The API's base path on the site (the contract's `servers`). */
export const API_BASE = '/api/v1';

export interface Account {
  username: string;
  email: string;
  password: string;
  token: string;
}

/** What one case found: what came back, in a few words, and whether that is the fixed behaviour. */
export interface CaseResult {
  got: string;
  pass: boolean;
}

export interface AbuseCase {
  /** Short name, for `--skip` and the table. */
  id: string;
  /** The behaviour expected, in a few words. */
  expected: string;
  run(context: Context): Promise<CaseResult>;
}

/** The run's state, handed to every case. */
export class Context {
  private accounts = 0;
  private shared: Promise<Account> | undefined;

  constructor(
    readonly target: Target,
    /** Tells this run's accounts from another's (usernames and emails are unique). */
    readonly runId: string,
    /** Longest a body of 200,000 invalid items may take to be refused, end to end. */
    readonly slowMs: number,
  ) {}

  /** A request under the API's base path. */
  api(call: Call): Promise<Reply> {
    return send(this.target, { ...call, path: `${API_BASE}${call.path}` });
  }

  /** A request to the site, outside the API too. */
  site(call: Call): Promise<Reply> {
    return send(this.target, call);
  }

  /** The JSON body of a reply, or undefined. */
  json<T>(reply: Reply): T | undefined {
    try {
      return JSON.parse(reply.body) as T;
    } catch {
      return undefined;
    }
  }

  /** A new account, signed up from the run's address (this counts against its sign-up limit). */
  async signUp(label: string): Promise<Account> {
    const { account, reply } = await this.signUpReply(label);
    if (!account) throw new Error(`sign-up answered ${describe(reply)}`);
    return account;
  }

  /** Signs a new account up; the answer, and the account when it was created. */
  async signUpReply(label: string): Promise<{ account: Account | null; reply: Reply }> {
    this.accounts += 1;
    const username = `abuse${label}${this.runId}${this.accounts}`;
    const fields = { username, email: `${username}@example.com`, password: 'abuse-password-1' };
    const reply = await this.api({ method: 'POST', path: '/users', json: { user: fields } });
    const token = this.json<{ user?: { token?: string } }>(reply)?.user?.token;
    return { account: reply.status === 201 && token ? { ...fields, token } : null, reply };
  }

  /** One account for the cases that neither end its session nor use up its limits. */
  sharedAccount(): Promise<Account> {
    this.shared ??= this.signUp('shared');
    return this.shared;
  }
}

/**
 * What went wrong with an error answer, or null: the fuzzer's rule (nothing at or above 500, JSON
 * in the `{"errors": {...}}` shape).
 */
export function shapeProblem(reply: Reply, method = 'GET'): string | null {
  return checkAnswer(method, {
    status: reply.status,
    contentType: reply.headers['content-type'] ?? '',
    body: reply.body,
  });
}

/** A reply in a few words: the status and the body (JSON compacted, anything else cut short). */
export function describe(reply: Reply): string {
  const body = reply.body.trim();
  let shown = body.replace(/\s+/g, ' ');
  try {
    shown = JSON.stringify(JSON.parse(body));
  } catch {
    // not JSON: shown as text
  }
  return shown ? `${reply.status} ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}` : String(reply.status);
}

/** True when `reply` is `status` with exactly `errors` as its body. */
export function isError(reply: Reply, status: number, errors: Record<string, string[]>): boolean {
  if (reply.status !== status || shapeProblem(reply) !== null) return false;
  return isDeepStrictEqual(JSON.parse(reply.body), { errors });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
