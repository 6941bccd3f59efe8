// The mocks cannot drift from the contract: every operation's main cases (success and the
// usual errors, plus the 429/500/503 the network controls inject) go through the MSW handlers, and
// each answer's status must be declared for that operation and its body must validate against
// the declared schema (Ajv, JSON Schema 2020-12). An operationId without cases fails the run.
import { readFileSync } from 'node:fs';

import { describe, expect, test } from '@jest/globals';
import { openapiDocumentPath } from '@inkwell/openapi';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { buildArticle } from '../factories';
import { mockControls } from './controls';
import { mockDb } from './db';
import { callApi, pngBytes, uploadForm, setUpMockServer, type Answer } from './test-client';

// --- the document ------------------------------------------------------------------------------

interface ResponseObject {
  content?: Record<string, { schema: object }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const document = JSON.parse(readFileSync(openapiDocumentPath, 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

/** Resolves local `#/...` references into one self-contained value (the document has no cycles). */
function deref(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deref);
  if (!value || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        document,
      );
    return deref(target);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(v)]));
}

const METHODS: Method[] = ['GET', 'POST', 'PUT', 'DELETE'];
const operations = new Map<string, OperationObject & { method: Method; path: string }>();
for (const [path, item] of Object.entries(document.paths)) {
  for (const method of METHODS) {
    const op = item[method.toLowerCase()];
    if (op) operations.set(`${method} ${path}`, { ...(deref(op) as OperationObject), method, path });
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/** Checks that `answer` is one the document allows for this operation; returns what is wrong. */
function contractViolations(op: OperationObject, answer: Answer): string[] {
  const declared = op.responses[String(answer.status)];
  if (!declared) return [`status ${answer.status} is not declared for ${op.operationId}`];
  const media = declared.content?.['application/json'];
  if (!media) return answer.body === null ? [] : [`status ${answer.status} must have no body`];
  if (!answer.contentType?.startsWith('application/json')) return [`content type ${answer.contentType} is not JSON`];
  const key = `${op.operationId} ${answer.status}`;
  const validate = validators.get(key) ?? ajv.compile(media.schema);
  validators.set(key, validate);
  return validate(answer.body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

// --- the cases ---------------------------------------------------------------------------------

const ADA = 'mock-token-ada';
const SAM = 'mock-token-sam';
const DRAGON = 'how-to-train-your-dragon'; // by ada
const STACK = 'reading-a-stack-trace-without-panic'; // by grace

interface Case {
  when: string;
  method: Method;
  /** The path as the document spells it, e.g. `/articles/{slug}`. */
  path: string;
  params?: Record<string, string | number>;
  /** Runs before the call; what it returns is added to `params`. */
  arrange?: () => Record<string, string | number> | void;
  query?: string;
  token?: string;
  json?: unknown;
  body?: () => BodyInit;
  headers?: Record<string, string>;
  status: number;
}

const newArticle = { article: { title: 'Fresh ideas', description: 'New', body: 'Body', tagList: ['b', 'a'] } };

const cases: Case[] = [
  // users
  {
    when: 'signing in with the right password',
    method: 'POST',
    path: '/users/login',
    json: { user: { email: 'ada@inkwell.test', password: 'inkwell-demo' } },
    status: 200,
  },
  {
    when: 'signing in with a forged token, which is ignored',
    method: 'POST',
    path: '/users/login',
    token: 'forged',
    json: { user: { email: 'ada@inkwell.test', password: 'inkwell-demo' } },
    status: 200,
  },
  {
    when: 'signing in with a wrong password',
    method: 'POST',
    path: '/users/login',
    json: { user: { email: 'ada@inkwell.test', password: 'nope-nope' } },
    status: 401,
  },
  {
    when: 'signing in with a blank email',
    method: 'POST',
    path: '/users/login',
    json: { user: { email: '', password: 'x' } },
    status: 422,
  },
  {
    when: 'signing in with a text body',
    method: 'POST',
    path: '/users/login',
    body: () => 'email=ada',
    headers: { 'Content-Type': 'text/plain' },
    status: 415,
  },
  {
    when: 'signing up',
    method: 'POST',
    path: '/users',
    json: { user: { username: 'newbie', email: 'newbie@inkwell.test', password: 'long enough' } },
    status: 201,
  },
  {
    when: 'signing up with a taken email',
    method: 'POST',
    path: '/users',
    json: { user: { username: 'other', email: 'ADA@inkwell.test', password: 'long enough' } },
    status: 422,
  },
  {
    when: 'signing up with a forged token, which is ignored',
    method: 'POST',
    path: '/users',
    token: 'forged',
    json: { user: { username: 'newbie', email: 'newbie@inkwell.test', password: 'long enough' } },
    status: 201,
  },
  {
    when: 'signing up with a short password',
    method: 'POST',
    path: '/users',
    json: { user: { username: 'x y', email: 'bad', password: 'short' } },
    status: 422,
  },
  { when: 'signing out', method: 'POST', path: '/users/logout', token: ADA, status: 204 },
  { when: 'signing out without a token', method: 'POST', path: '/users/logout', status: 401 },
  { when: 'signing out with an unknown token', method: 'POST', path: '/users/logout', token: 'forged', status: 401 },
  { when: 'reading the signed-in user', method: 'GET', path: '/user', token: ADA, status: 200 },
  { when: 'reading the user without a token', method: 'GET', path: '/user', status: 401 },
  { when: 'reading the user with an unknown token', method: 'GET', path: '/user', token: 'forged', status: 401 },
  {
    when: 'updating the user with the same email',
    method: 'PUT',
    path: '/user',
    token: ADA,
    json: { user: { email: 'ada@inkwell.test' } },
    status: 200,
  },
  {
    when: 'changing the password',
    method: 'PUT',
    path: '/user',
    token: ADA,
    json: { user: { password: 'a new passphrase' } },
    status: 200,
  },
  {
    when: 'clearing bio and picture',
    method: 'PUT',
    path: '/user',
    token: ADA,
    json: { user: { bio: null, image: '' } },
    status: 200,
  },
  {
    when: 'taking another user’s username',
    method: 'PUT',
    path: '/user',
    token: ADA,
    json: { user: { username: 'GRACE' } },
    status: 422,
  },
  { when: 'updating no field', method: 'PUT', path: '/user', token: ADA, json: { user: {} }, status: 422 },
  {
    when: 'updating the user without a token',
    method: 'PUT',
    path: '/user',
    json: { user: { bio: 'x' } },
    status: 401,
  },
  // profiles
  {
    when: 'reading a profile anonymously',
    method: 'GET',
    path: '/profiles/{username}',
    params: { username: 'grace' },
    status: 200,
  },
  {
    when: 'reading a followed profile',
    method: 'GET',
    path: '/profiles/{username}',
    params: { username: 'Grace' },
    token: ADA,
    status: 200,
  },
  {
    when: 'reading an unknown profile',
    method: 'GET',
    path: '/profiles/{username}',
    params: { username: 'nobody' },
    status: 404,
  },
  {
    when: 'reading a profile with a bad token',
    method: 'GET',
    path: '/profiles/{username}',
    params: { username: 'grace' },
    token: 'forged',
    status: 401,
  },
  {
    when: 'following a user',
    method: 'POST',
    path: '/profiles/{username}/follow',
    params: { username: 'tomasz_k' },
    token: ADA,
    status: 200,
  },
  {
    when: 'following an unknown user',
    method: 'POST',
    path: '/profiles/{username}/follow',
    params: { username: 'nobody' },
    token: ADA,
    status: 404,
  },
  {
    when: 'following oneself',
    method: 'POST',
    path: '/profiles/{username}/follow',
    params: { username: 'ada' },
    token: ADA,
    status: 422,
  },
  {
    when: 'following without a token',
    method: 'POST',
    path: '/profiles/{username}/follow',
    params: { username: 'ada' },
    status: 401,
  },
  {
    when: 'unfollowing a user',
    method: 'DELETE',
    path: '/profiles/{username}/follow',
    params: { username: 'grace' },
    token: ADA,
    status: 200,
  },
  {
    when: 'unfollowing an unknown user',
    method: 'DELETE',
    path: '/profiles/{username}/follow',
    params: { username: 'nobody' },
    token: ADA,
    status: 404,
  },
  {
    when: 'unfollowing without a token',
    method: 'DELETE',
    path: '/profiles/{username}/follow',
    params: { username: 'grace' },
    status: 401,
  },
  // articles
  { when: 'listing articles', method: 'GET', path: '/articles', status: 200 },
  { when: 'listing articles signed in', method: 'GET', path: '/articles', token: ADA, query: 'limit=100', status: 200 },
  { when: 'listing by tag', method: 'GET', path: '/articles', query: 'tag=dragons', status: 200 },
  {
    when: 'listing by author and favoriter',
    method: 'GET',
    path: '/articles',
    query: 'author=grace&favorited=ada',
    status: 200,
  },
  { when: 'listing by an unknown author', method: 'GET', path: '/articles', query: 'author=johnjacob', status: 200 },
  { when: 'searching', method: 'GET', path: '/articles', query: 'q=dragons%20-maps&limit=5&offset=0', status: 200 },
  { when: 'listing with limit 0', method: 'GET', path: '/articles', query: 'limit=0', status: 422 },
  { when: 'searching for exclusions only', method: 'GET', path: '/articles', query: 'q=-zzzz', status: 422 },
  { when: 'listing with a bad token', method: 'GET', path: '/articles', token: 'forged', status: 401 },
  { when: 'reading the feed', method: 'GET', path: '/articles/feed', token: SAM, status: 200 },
  {
    when: 'reading the feed with a negative offset',
    method: 'GET',
    path: '/articles/feed',
    token: SAM,
    query: 'offset=-1',
    status: 422,
  },
  { when: 'reading the feed without a token', method: 'GET', path: '/articles/feed', status: 401 },
  { when: 'publishing an article', method: 'POST', path: '/articles', token: ADA, json: newArticle, status: 201 },
  {
    when: 'publishing an article with a cover',
    method: 'POST',
    path: '/articles',
    token: ADA,
    json: { article: { ...newArticle.article, coverImage: 'http://localhost/mock-assets/covers/sea.svg' } },
    status: 201,
  },
  {
    when: 'publishing a blank title and a bad cover',
    method: 'POST',
    path: '/articles',
    token: ADA,
    json: { article: { title: ' ', description: 'd', body: 'b', coverImage: 'data:x' } },
    status: 422,
  },
  { when: 'publishing without a token', method: 'POST', path: '/articles', json: newArticle, status: 401 },
  { when: 'reading an article', method: 'GET', path: '/articles/{slug}', params: { slug: DRAGON }, status: 200 },
  {
    when: 'reading an article signed in',
    method: 'GET',
    path: '/articles/{slug}',
    params: { slug: STACK },
    token: ADA,
    status: 200,
  },
  {
    when: 'reading an unknown article',
    method: 'GET',
    path: '/articles/{slug}',
    params: { slug: 'nope' },
    status: 404,
  },
  {
    when: 'reading an article with a bad token',
    method: 'GET',
    path: '/articles/{slug}',
    params: { slug: DRAGON },
    token: 'forged',
    status: 401,
  },
  {
    when: 'retitling an article',
    method: 'PUT',
    path: '/articles/{slug}',
    params: { slug: DRAGON },
    token: ADA,
    json: { article: { title: 'Dragons, trained', coverImage: null } },
    status: 200,
  },
  {
    when: 'editing someone else’s article',
    method: 'PUT',
    path: '/articles/{slug}',
    params: { slug: STACK },
    token: ADA,
    json: { article: { body: 'mine now' } },
    status: 403,
  },
  {
    when: 'editing an unknown article',
    method: 'PUT',
    path: '/articles/{slug}',
    params: { slug: 'nope' },
    token: ADA,
    json: { article: { body: 'x' } },
    status: 404,
  },
  {
    when: 'editing no field',
    method: 'PUT',
    path: '/articles/{slug}',
    params: { slug: DRAGON },
    token: ADA,
    json: { article: {} },
    status: 422,
  },
  {
    when: 'editing without a token',
    method: 'PUT',
    path: '/articles/{slug}',
    params: { slug: DRAGON },
    json: { article: { body: 'x' } },
    status: 401,
  },
  {
    when: 'deleting an article',
    method: 'DELETE',
    path: '/articles/{slug}',
    params: { slug: DRAGON },
    token: ADA,
    status: 204,
  },
  {
    when: 'deleting someone else’s article',
    method: 'DELETE',
    path: '/articles/{slug}',
    params: { slug: STACK },
    token: ADA,
    status: 403,
  },
  {
    when: 'deleting an unknown article',
    method: 'DELETE',
    path: '/articles/{slug}',
    params: { slug: 'nope' },
    token: ADA,
    status: 404,
  },
  {
    when: 'deleting without a token',
    method: 'DELETE',
    path: '/articles/{slug}',
    params: { slug: DRAGON },
    status: 401,
  },
  // comments
  { when: 'listing comments', method: 'GET', path: '/articles/{slug}/comments', params: { slug: DRAGON }, status: 200 },
  {
    when: 'listing comments signed in',
    method: 'GET',
    path: '/articles/{slug}/comments',
    params: { slug: DRAGON },
    token: ADA,
    status: 200,
  },
  {
    when: 'listing comments of an unknown article',
    method: 'GET',
    path: '/articles/{slug}/comments',
    params: { slug: 'nope' },
    status: 404,
  },
  {
    when: 'listing 101 comments',
    method: 'GET',
    path: '/articles/{slug}/comments',
    params: { slug: DRAGON },
    query: 'limit=101',
    status: 422,
  },
  {
    when: 'listing comments with a bad token',
    method: 'GET',
    path: '/articles/{slug}/comments',
    params: { slug: DRAGON },
    token: 'forged',
    status: 401,
  },
  {
    when: 'commenting',
    method: 'POST',
    path: '/articles/{slug}/comments',
    params: { slug: STACK },
    token: ADA,
    json: { comment: { body: 'Thank you so much!' } },
    status: 200,
  },
  {
    when: 'commenting with a blank body',
    method: 'POST',
    path: '/articles/{slug}/comments',
    params: { slug: STACK },
    token: ADA,
    json: { comment: { body: '  ' } },
    status: 422,
  },
  {
    when: 'commenting on an unknown article',
    method: 'POST',
    path: '/articles/{slug}/comments',
    params: { slug: 'nope' },
    token: ADA,
    json: { comment: { body: 'x' } },
    status: 404,
  },
  {
    when: 'commenting without a token',
    method: 'POST',
    path: '/articles/{slug}/comments',
    params: { slug: STACK },
    json: { comment: { body: 'x' } },
    status: 401,
  },
  {
    when: 'deleting one’s comment',
    method: 'DELETE',
    path: '/articles/{slug}/comments/{id}',
    params: { slug: STACK },
    token: ADA,
    arrange: () => ({ id: commentOn(STACK, 'ada') }),
    status: 204,
  },
  {
    when: 'deleting someone else’s comment',
    method: 'DELETE',
    path: '/articles/{slug}/comments/{id}',
    params: { slug: STACK },
    token: ADA,
    arrange: () => ({ id: commentOn(STACK, 'olu') }),
    status: 403,
  },
  {
    when: 'deleting an unknown comment',
    method: 'DELETE',
    path: '/articles/{slug}/comments/{id}',
    params: { slug: STACK, id: 999_999 },
    token: ADA,
    status: 404,
  },
  {
    when: 'deleting a comment by a non-numeric id',
    method: 'DELETE',
    path: '/articles/{slug}/comments/{id}',
    params: { slug: STACK, id: 'abc' },
    token: ADA,
    status: 422,
  },
  {
    when: 'deleting a comment without a token',
    method: 'DELETE',
    path: '/articles/{slug}/comments/{id}',
    params: { slug: STACK, id: 1 },
    status: 401,
  },
  // favorites
  {
    when: 'favoriting',
    method: 'POST',
    path: '/articles/{slug}/favorite',
    params: { slug: STACK },
    token: ADA,
    headers: { 'Content-Type': 'application/json' },
    status: 200,
  },
  {
    when: 'favoriting an unknown article',
    method: 'POST',
    path: '/articles/{slug}/favorite',
    params: { slug: 'nope' },
    token: ADA,
    status: 404,
  },
  {
    when: 'favoriting without a token',
    method: 'POST',
    path: '/articles/{slug}/favorite',
    params: { slug: STACK },
    status: 401,
  },
  {
    when: 'unfavoriting',
    method: 'DELETE',
    path: '/articles/{slug}/favorite',
    params: { slug: STACK },
    token: ADA,
    status: 200,
  },
  {
    when: 'unfavoriting an unknown article',
    method: 'DELETE',
    path: '/articles/{slug}/favorite',
    params: { slug: 'nope' },
    token: ADA,
    status: 404,
  },
  {
    when: 'unfavoriting without a token',
    method: 'DELETE',
    path: '/articles/{slug}/favorite',
    params: { slug: STACK },
    status: 401,
  },
  // tags, assets, health
  { when: 'listing tags', method: 'GET', path: '/tags', status: 200 },
  {
    when: 'listing tags with a forged token, which is ignored',
    method: 'GET',
    path: '/tags',
    token: 'forged',
    status: 200,
  },
  {
    when: 'uploading a PNG',
    method: 'POST',
    path: '/assets',
    token: ADA,
    body: () => uploadForm(pngBytes(1500, 1000)),
    status: 201,
  },
  {
    when: 'uploading a tiny PNG',
    method: 'POST',
    path: '/assets',
    token: ADA,
    body: () => uploadForm(pngBytes(1, 1)),
    status: 201,
  },
  {
    when: 'uploading text named .png',
    method: 'POST',
    path: '/assets',
    token: ADA,
    body: () => uploadForm(new TextEncoder().encode('<svg/>') as Uint8Array<ArrayBuffer>),
    status: 415,
  },
  {
    when: 'uploading more than 10 MiB',
    method: 'POST',
    path: '/assets',
    token: ADA,
    body: () => uploadForm(oversizedPng()),
    status: 413,
  },
  {
    when: 'uploading without a file',
    method: 'POST',
    path: '/assets',
    token: ADA,
    body: () => new FormData(),
    status: 422,
  },
  {
    when: 'uploading without a token',
    method: 'POST',
    path: '/assets',
    body: () => uploadForm(pngBytes(2, 2)),
    status: 401,
  },
  { when: 'checking health', method: 'GET', path: '/health', status: 200 },
  {
    when: 'checking health with a forged token, which is ignored',
    method: 'GET',
    path: '/health',
    token: 'forged',
    status: 200,
  },
  { when: 'probing liveness', method: 'GET', path: '/health/live', status: 200 },
  { when: 'probing readiness', method: 'GET', path: '/health/ready', status: 200 },
];

function commentOn(slug: string, username: string): number {
  const article = mockDb.articleBySlug(slug);
  const author = mockDb.userByUsername(username);
  if (!article || !author) throw new Error('seed changed: article or user missing');
  return mockDb.insertComment({ articleId: article.id, authorId: author.id, body: 'A comment' }).id;
}

function oversizedPng(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
  bytes.set(pngBytes(1, 1));
  return bytes;
}

const fillPath = (path: string, params: Record<string, string | number>): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? `missing-${name}`)));

function operationOf(c: Pick<Case, 'method' | 'path'>): OperationObject {
  const op = operations.get(`${c.method} ${c.path}`);
  if (!op) throw new Error(`${c.method} ${c.path} is not in the document`);
  return op;
}

async function run(c: Case): Promise<Answer> {
  const params = { ...c.params, ...(c.arrange?.() ?? {}) };
  const path = fillPath(c.path, params) + (c.query ? `?${c.query}` : '');
  return callApi(c.method, path, { token: c.token, json: c.json, body: c.body?.(), headers: c.headers });
}

// --- the tests ---------------------------------------------------------------------------------

setUpMockServer();

describe('mock answers validate against the OpenAPI document', () => {
  test.each(
    cases.map(
      (c) => [`${operationOf(c).operationId}: when ${c.when}, then it answers a valid ${c.status}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const answer = await run(c);

    expect({ status: answer.status, violations: contractViolations(operationOf(c), answer) }).toEqual({
      status: c.status,
      violations: [],
    });
  });

  const everyOperation = [...operations.values()];
  test.each(
    everyOperation.flatMap((op) =>
      // The liveness probe checks no dependency: it has no 503 to give.
      ([500, 503] as const)
        .filter((status) => !(op.operationId === 'getLiveness' && status === 503))
        .map((status) => [op.operationId, status, op] as const),
    ),
  )('When the controls fail every request, then %s answers a valid %d', async (_id, status, op) => {
    mockControls.set({ errorRate: 1, errorStatus: status });

    const answer = await run({
      when: 'failing',
      method: op.method,
      path: op.path,
      params: { slug: DRAGON, username: 'grace', id: 1 },
      token: ADA,
      status,
    });

    expect({ status: answer.status, violations: contractViolations(op, answer) }).toEqual({ status, violations: [] });
  });

  test.each(everyOperation.map((op) => [op.operationId, op] as const))(
    'When the controls ask for 429s, then %s answers a valid 429 exactly when the document declares one',
    async (_id, op) => {
      mockControls.set({ errorRate: 1, errorStatus: 429 });

      const answer = await run({
        when: 'rate-limited',
        method: op.method,
        path: op.path,
        params: { slug: DRAGON, username: 'grace', id: 1 },
        // Only searches count against the API's limit on lists.
        query: op.operationId === 'listArticles' ? 'q=dragons' : undefined,
        token: ADA,
        status: 429,
      });

      const declared = '429' in op.responses;
      expect({ limited: answer.status === 429, violations: contractViolations(op, answer) }).toEqual({
        limited: declared,
        violations: declared ? [] : expect.any(Array),
      });
    },
  );

  test('When every seeded article and its comments are read, then each answer validates', async () => {
    const slugs = mockDb.allArticles().map((a) => a.slug);
    const answers = await Promise.all([
      ...slugs.map(async (slug) => ['getArticle', await callApi('GET', `/articles/${slug}`, { token: ADA })] as const),
      ...slugs.map(
        async (slug) => ['listArticleComments', await callApi('GET', `/articles/${slug}/comments`)] as const,
      ),
    ]);

    const problems = answers.flatMap(([id, answer]) =>
      contractViolations([...operations.values()].find((op) => op.operationId === id) as OperationObject, answer),
    );
    expect(slugs.length).toBeGreaterThanOrEqual(30);
    expect(problems).toEqual([]);
  });

  test('When a factory-built article is checked, then it validates as an ArticleResponse', () => {
    const answer: Answer = {
      status: 200,
      contentType: 'application/json',
      body: { article: buildArticle({ tagList: ['a', 'b'] }) },
    };

    expect(contractViolations(operationOf({ method: 'GET', path: '/articles/{slug}' }), answer)).toEqual([]);
  });
});

describe('every operation is exercised', () => {
  test('When the document’s operationIds are listed, then each has a success case and an error case', () => {
    const exercised = new Map<string, Set<'success' | 'error'>>();
    for (const c of cases) {
      const id = operationOf(c).operationId;
      const kinds = exercised.get(id) ?? new Set();
      kinds.add(c.status < 400 ? 'success' : 'error');
      exercised.set(id, kinds);
    }
    // These take no input a client could get wrong, and ignore a token; their 500/503 are
    // exercised through the controls.
    const withoutClientErrors = ['listTags', 'getHealth', 'getLiveness', 'getReadiness'];

    const missing = [...operations.values()]
      .map((op) => op.operationId)
      .filter(
        (id) =>
          !exercised.get(id)?.has('success') || (!withoutClientErrors.includes(id) && !exercised.get(id)?.has('error')),
      );
    expect(operations.size).toBe(24);
    expect(missing).toEqual([]);
  });
});
