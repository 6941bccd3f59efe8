// Rate limits where a request costs: each is pushed past its limit (whatever the system is
// configured with, up to a bound) and must answer 429 with Retry-After in the contract's shape.
// They use up the run's budgets, so they run after every other case, sign-up last of all: once it
// is refused, the run's address can sign no one else up for the window.
import { type AbuseCase, type CaseResult, type Context, describe, shapeProblem } from './context.js';
import type { Reply } from '../fuzz/http.js';

/** The most requests one case sends looking for its limit; the defaults are far below. */
const MAX_ATTEMPTS = 1_000;

/**
 * Sends `attempt(i)` until an answer is 429 (or something other than `allowed`); judges that
 * answer: 429, a whole number of seconds in Retry-After, the shape, and `topic` as its one key.
 */
async function pushPastLimit(
  context: Context,
  allowed: number,
  topic: string,
  attempt: (i: number) => Promise<Reply>,
  maxAttempts = MAX_ATTEMPTS,
): Promise<CaseResult> {
  for (let i = 0; i < maxAttempts; i += 1) {
    const reply = await attempt(i);
    if (reply.status === allowed) continue;
    const retryAfter = reply.headers['retry-after'];
    const topics = Object.keys(context.json<{ errors?: object }>(reply)?.errors ?? {});
    const pass =
      reply.status === 429 &&
      /^[1-9]\d*$/.test(retryAfter ?? '') &&
      shapeProblem(reply) === null &&
      topics.join() === topic;
    return {
      got: `${i} allowed, then ${describe(reply)}; Retry-After ${retryAfter ?? 'missing'}`,
      pass,
    };
  }
  return { got: `no limit within ${maxAttempts} requests`, pass: false };
}

export const limitCases: AbuseCase[] = [
  {
    id: 'sign-in-limit',
    expected: 'failed sign-ins: 429 + Retry-After + JSON',
    async run(context) {
      const account = await context.signUp('signin');
      return pushPastLimit(context, 401, 'credentials', () =>
        context.api({
          method: 'POST',
          path: '/users/login',
          json: { user: { email: account.email, password: 'not-the-password' } },
        }),
      );
    },
  },
  {
    id: 'search-limit',
    expected: 'searches per address: 429 + Retry-After + JSON',
    run: (context) =>
      pushPastLimit(context, 200, 'search', () =>
        context.api({ method: 'GET', path: `/articles?q=abuse${context.runId}` }),
      ),
  },
  {
    id: 'write-limit',
    expected: 'writes per account: 429 + Retry-After + JSON',
    async run(context) {
      const account = await context.signUp('writer');
      const published = await context.api({
        method: 'POST',
        path: '/articles',
        token: account.token,
        json: { article: { title: `Limits ${context.runId}`, description: 'd', body: 'b' } },
      });
      const slug = context.json<{ article?: { slug?: string } }>(published)?.article?.slug;
      if (published.status !== 201 || !slug) return { got: `publishing: ${describe(published)}`, pass: false };
      // Favorite, unfavorite, favorite …: each one a write, none of them piling anything up.
      return pushPastLimit(context, 200, 'account', (i) =>
        context.api({
          method: i % 2 === 0 ? 'POST' : 'DELETE',
          path: `/articles/${slug}/favorite`,
          token: account.token,
        }),
      );
    },
  },
  {
    id: 'sign-up-limit',
    expected: 'sign-ups per address: 429 + Retry-After + JSON',
    // Each sign-up runs a memory-hard hash: fewer attempts than the others.
    run: (context) => pushPastLimit(context, 201, 'user', async () => (await context.signUpReply('limit')).reply, 200),
  },
];
