// Checks the bundled document beyond what `redocly lint` does: every Conduit operation is
// present with the agreed operationId, every request and response that has a body carries an
// example, and every example validates against its schema (Ajv, JSON Schema 2020-12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openapiDocumentPath } from '../index.js';

const doc = JSON.parse(readFileSync(openapiDocumentPath, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Resolves local `#/...` references, recursively, into one self-contained value. */
function deref(value, seen = new Set()) {
  if (Array.isArray(value)) return value.map((v) => deref(v, seen));
  if (!value || typeof value !== 'object') return value;
  if (typeof value.$ref === 'string') {
    if (seen.has(value.$ref)) throw new Error(`circular $ref ${value.$ref}`);
    const target = value.$ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return deref(target, new Set([...seen, value.$ref]));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(v, seen)]));
}

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: deref(item[method]) })),
);

/** Every media type that carries a body, with a label saying where it sits. */
function mediaTypes({ path, method, op }) {
  const found = [];
  for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
    found.push({ where: `${method.toUpperCase()} ${path} request ${type}`, media, type });
  }
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    for (const [type, media] of Object.entries(response.content ?? {})) {
      found.push({ where: `${method.toUpperCase()} ${path} ${status} ${type}`, media, type });
    }
  }
  return found;
}

test('the document is served under /api/v1', () => {
  assert.deepEqual(
    doc.servers.map((s) => s.url),
    ['/api/v1'],
  );
});

test('every Conduit operation and every extension is present with its operationId', () => {
  const expected = {
    'POST /users/login': 'loginUser',
    'POST /users/logout': 'logoutUser',
    'POST /users': 'createUser',
    'GET /user': 'getCurrentUser',
    'PUT /user': 'updateCurrentUser',
    'GET /profiles/{username}': 'getProfile',
    'POST /profiles/{username}/follow': 'followProfile',
    'DELETE /profiles/{username}/follow': 'unfollowProfile',
    'GET /articles': 'listArticles',
    'GET /articles/feed': 'listFeedArticles',
    'POST /articles': 'createArticle',
    'GET /articles/{slug}': 'getArticle',
    'PUT /articles/{slug}': 'updateArticle',
    'DELETE /articles/{slug}': 'deleteArticle',
    'GET /articles/{slug}/comments': 'listArticleComments',
    'POST /articles/{slug}/comments': 'createArticleComment',
    'DELETE /articles/{slug}/comments/{id}': 'deleteArticleComment',
    'POST /articles/{slug}/favorite': 'favoriteArticle',
    'DELETE /articles/{slug}/favorite': 'unfavoriteArticle',
    'GET /tags': 'listTags',
    'POST /assets': 'createAsset',
    'GET /health': 'getHealth',
    'GET /health/live': 'getLiveness',
    'GET /health/ready': 'getReadiness',
  };
  const actual = Object.fromEntries(
    operations.map(({ path, method, op }) => [`${method.toUpperCase()} ${path}`, op.operationId]),
  );
  assert.deepEqual(actual, expected);
  const list = operations.find((o) => o.op.operationId === 'listArticles');
  assert.ok(list.op.parameters.some((p) => p.name === 'q' && p.in === 'query'));
});

test('list items carry no body (but may, for old clients), full articles carry body and coverImage', () => {
  const { ArticleListItem, Article } = doc.components.schemas;
  // Optional: only with the operator's LIST_INCLUDES_BODY=true, for pre-2024 Conduit clients.
  assert.equal(ArticleListItem.required.includes('body'), false);
  assert.ok(Article.required.includes('body'));
  assert.ok(Article.required.includes('coverImage'));
  assert.ok(ArticleListItem.required.includes('coverImage'));
});

const HEALTH_REPORTS = new Set(['getHealth', 'getLiveness', 'getReadiness']);

test('every error response uses the {"errors": {...}} envelope', () => {
  for (const { path, method, op } of operations) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      const schema = response.content?.['application/json']?.schema;
      assert.ok(schema, `${method} ${path} ${status} has a JSON body`);
      assert.ok(
        // The health reports keep their own shape; a failing one names what is down in `errors`.
        schema.required.includes('errors') || HEALTH_REPORTS.has(op.operationId),
        `${method} ${path} ${status} requires errors`,
      );
      assert.ok(schema.properties.errors, `${method} ${path} ${status} defines errors`);
    }
  }
});

test('every request and response body has an example that validates against its schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const failures = [];
  for (const operation of operations) {
    for (const { where, media, type } of mediaTypes(operation)) {
      const examples =
        media.example !== undefined ? [media.example] : Object.values(media.examples ?? {}).map((e) => e.value);
      if (examples.length === 0) {
        failures.push(`${where}: no example`);
        continue;
      }
      if (type.startsWith('multipart/')) continue; // binary parts have no JSON form to check
      const validate = ajv.compile(media.schema);
      for (const example of examples) {
        if (!validate(example)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('every operation has a summary, tags, explicit security and a 4xx answer', () => {
  for (const { path, method, op } of operations) {
    const where = `${method.toUpperCase()} ${path}`;
    assert.ok(op.summary, `${where} summary`);
    assert.ok(op.tags?.length, `${where} tags`);
    assert.ok(Array.isArray(op.security), `${where} security`);
    assert.ok(
      Object.keys(op.responses).some((s) => s.startsWith('4')),
      `${where} 4xx`,
    );
    assert.match(op.operationId, /^[a-z][A-Za-z]+$/, `${where} camelCase operationId`);
  }
});
