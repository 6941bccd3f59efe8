// Sessions that end: a token is never renewed by reading the user, signing out revokes it, a
// password change ends every other session, and answers that carry a token are never cached.
import { type Account, type AbuseCase, type Context, describe, sleep } from './context.js';
import type { Reply } from '../fuzz/http.js';

/** How long a sign-out may take to reach every replica (README: within 4 s at worst). */
const REVOCATION_BOUND_MS = 4_000;

const currentUser = (context: Context, token: string) => context.api({ method: 'GET', path: '/user', token });

/**
 * The statuses GET /user answers with `token`, asked `times` times in a row: through nginx each
 * call may reach another replica, and each must agree.
 */
async function statusesWith(context: Context, token: string, times = 4): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1) statuses.push((await currentUser(context, token)).status);
  return statuses;
}

/** Waits until every replica refuses `token`; the milliseconds it took, or null past the bound. */
async function refusedWithin(context: Context, token: string): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    const statuses = await statusesWith(context, token);
    const elapsed = performance.now() - started;
    if (statuses.every((status) => status === 401)) return elapsed;
    if (elapsed > REVOCATION_BOUND_MS) return null;
    await sleep(100);
  }
}

const tokenOf = (context: Context, reply: Reply): string | undefined =>
  context.json<{ user?: { token?: string } }>(reply)?.user?.token;

export const sessionCases: AbuseCase[] = [
  {
    id: 'token-not-renewed',
    expected: 'GET /user answers the very token it was called with',
    async run(context) {
      const account = await context.signUp('renew');
      // A renewed token would differ at least in its issue time, which counts in seconds.
      await sleep(1_100);
      const first = await currentUser(context, account.token);
      const second = await currentUser(context, account.token);
      const tokens = [tokenOf(context, first), tokenOf(context, second)];
      const same = tokens.every((token) => token === account.token);
      return {
        got: `${first.status}, ${second.status}; ${same ? 'same token' : 'a different token'}`,
        pass: first.status === 200 && second.status === 200 && same,
      };
    },
  },
  {
    id: 'logout-revokes',
    expected: 'POST /users/logout 204, then the token gets 401',
    async run(context) {
      const account = await context.signUp('logout');
      const before = await currentUser(context, account.token);
      const logout = await context.api({ method: 'POST', path: '/users/logout', token: account.token });
      const ms = await refusedWithin(context, account.token);
      const after = await currentUser(context, account.token);
      return {
        got:
          `${before.status}, logout ${logout.status}, then ${describe(after)}` +
          (ms === null ? ' (still accepted after 4 s)' : ` (refused after ${Math.round(ms)} ms)`),
        pass: before.status === 200 && logout.status === 204 && ms !== null && after.status === 401,
      };
    },
  },
  {
    id: 'password-change-revokes',
    expected: 'PUT /user password: a new token; the old one and other sessions get 401',
    async run(context) {
      const account = await context.signUp('password');
      const other = await signIn(context, account);
      const newPassword = 'abuse-password-2';
      const change = await context.api({
        method: 'PUT',
        path: '/user',
        token: account.token,
        json: { user: { password: newPassword } },
      });
      const fresh = tokenOf(context, change);
      const oldRefused = await refusedWithin(context, account.token);
      const otherRefused = await refusedWithin(context, other);
      const freshStatuses = fresh ? await statusesWith(context, fresh) : [];
      const again = await context.api({
        method: 'POST',
        path: '/users/login',
        json: { user: { email: account.email, password: newPassword } },
      });
      const freshWorks = freshStatuses.length > 0 && freshStatuses.every((status) => status === 200);
      return {
        got:
          `${change.status}, ${fresh && fresh !== account.token ? 'new token' : 'no new token'} ` +
          `(${freshWorks ? 'works' : `answers ${freshStatuses.join('/') || 'nothing'}`}); ` +
          `old ${oldRefused === null ? 'still accepted' : '401'}, other session ${otherRefused === null ? 'still accepted' : '401'}; ` +
          `new password signs in: ${again.status}`,
        pass:
          change.status === 200 &&
          fresh !== undefined &&
          fresh !== account.token &&
          freshWorks &&
          oldRefused !== null &&
          otherRefused !== null &&
          again.status === 200,
      };
    },
  },
  {
    id: 'token-no-store',
    expected: 'Cache-Control: no-store on sign-up, sign-in, GET and PUT /user',
    async run(context) {
      const signUp = await context.signUpReply('nostore');
      const account = signUp.account;
      if (!account) return { got: `sign-up ${describe(signUp.reply)}`, pass: false };
      const replies = {
        'sign-up': signUp.reply,
        'sign-in': await context.api({
          method: 'POST',
          path: '/users/login',
          json: { user: { email: account.email, password: account.password } },
        }),
        'GET /user': await currentUser(context, account.token),
        'PUT /user': await context.api({
          method: 'PUT',
          path: '/user',
          token: account.token,
          json: { user: { bio: 'Checked for caching' } },
        }),
      };
      const found = Object.entries(replies).map(
        ([name, reply]) => [name, reply.status, reply.headers['cache-control'] ?? 'none'] as const,
      );
      const wrong = found.filter(([, status, cacheControl]) => status >= 300 || cacheControl !== 'no-store');
      return {
        got:
          wrong.length === 0
            ? `no-store on all ${found.length}`
            : wrong.map(([name, status, cacheControl]) => `${name}: ${status} ${cacheControl}`).join('; '),
        pass: wrong.length === 0,
      };
    },
  },
];

/** A second session of `account`; its token. */
async function signIn(context: Context, account: Account): Promise<string> {
  const reply = await context.api({
    method: 'POST',
    path: '/users/login',
    json: { user: { email: account.email, password: account.password } },
  });
  const token = tokenOf(context, reply);
  if (reply.status !== 200 || !token) throw new Error(`sign-in answered ${describe(reply)}`);
  return token;
}
