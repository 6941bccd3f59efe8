// Hostile input: every one is refused with a clear 422 naming what is wrong (or, for reserved
// characters, accepted alike raw and encoded), never a 500, and quickly.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type AbuseCase, describe, isError, shapeProblem } from './context.js';

const NO_WORD = ['must contain a word to look for, not only excluded or very common words'];
const CONTROL = ['must not contain control characters'];

export const inputCases: AbuseCase[] = [
  {
    id: 'search-negation-only',
    expected: '?q=-zzzz: 422 naming q',
    async run(context) {
      const reply = await context.api({ method: 'GET', path: '/articles?q=-zzzz' });
      return { got: describe(reply), pass: isError(reply, 422, { q: NO_WORD }) };
    },
  },
  {
    id: 'sign-in-8kb-email',
    expected: 'an 8 KB random email: 422 naming email, not 500',
    async run(context) {
      const email = randomBytes(6_144).toString('base64');
      const reply = await context.api({
        method: 'POST',
        path: '/users/login',
        json: { user: { email, password: 'whatever-password' } },
      });
      const fieldNamed = context.json<{ errors?: Record<string, unknown> }>(reply)?.errors?.email !== undefined;
      return { got: describe(reply), pass: reply.status === 422 && fieldNamed && shapeProblem(reply) === null };
    },
  },
  {
    id: 'nul-in-title',
    expected: 'a NUL in a title: 422 naming title',
    async run(context) {
      const account = await context.sharedAccount();
      const reply = await context.api({
        method: 'POST',
        path: '/articles',
        token: account.token,
        json: { article: { title: 'Null\u0000byte', description: 'd', body: 'b' } },
      });
      return { got: describe(reply), pass: isError(reply, 422, { title: CONTROL }) };
    },
  },
  {
    id: 'tag-reserved-characters',
    expected: "?tag=x') raw and ?tag=x%27%29 encoded: the same 200",
    async run(context) {
      const raw = await context.api({ method: 'GET', path: "/articles?tag=x')" });
      const encoded = await context.api({ method: 'GET', path: '/articles?tag=x%27%29' });
      const same = raw.status === encoded.status && isDeepStrictEqual(context.json(raw), context.json(encoded));
      return {
        got: `raw ${describe(raw)}; encoded ${same ? 'the same' : describe(encoded)}`,
        pass: raw.status === 200 && same,
      };
    },
  },
  {
    id: 'body-200k-invalid-items',
    expected: 'a 1 MiB body of 200,000 invalid items: 422, quickly',
    async run(context) {
      const account = await context.sharedAccount();
      const items = Array.from({ length: 200_000 }, () => 'null').join(',');
      const body = `{"article":{"title":"t","description":"d","body":"b","tagList":[${items}]}}`;
      const reply = await context.api({
        method: 'POST',
        path: '/articles',
        token: account.token,
        headers: { 'content-type': 'application/json' },
        body,
      });
      const ms = Math.round(reply.ms);
      return {
        got: `${describe(reply)} in ${ms} ms (${(Buffer.byteLength(body) / 2 ** 20).toFixed(2)} MiB)`,
        pass: reply.status === 422 && shapeProblem(reply) === null && ms <= context.slowMs,
      };
    },
  },
];
