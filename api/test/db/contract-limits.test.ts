// The database's check constraints repeat the contract's limits in SQL: migrations are history and
// cannot import them. This reads the constraints back from the migrated database and holds each
// to its limit in @inkwell/rules, so the two cannot drift apart unnoticed. A limit that changes in
// the contract needs a new migration.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  ARTICLE_BODY_MAX_LENGTH,
  ARTICLE_DESCRIPTION_MAX_LENGTH,
  ARTICLE_TITLE_MAX_LENGTH,
  BIO_MAX_LENGTH,
  COMMENT_BODY_MAX_LENGTH,
  COVER_IMAGE_ALT_MAX_LENGTH,
  COVER_IMAGE_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  TAG_LIST_MAX_ITEMS,
  TAG_MAX_LENGTH,
  USER_IMAGE_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_PATTERN,
} from '@inkwell/rules';
import pg from 'pg';
import { TEST_ENV, testEnv } from '../helpers/test-env.js';

/** The largest length (or number of items) each bounded column takes, as the contract states it. */
const CONTRACT_MAXIMA: Record<string, number> = {
  'users.email': EMAIL_MAX_LENGTH,
  'users.bio': BIO_MAX_LENGTH,
  'users.image': USER_IMAGE_MAX_LENGTH,
  'articles.title': ARTICLE_TITLE_MAX_LENGTH,
  'articles.description': ARTICLE_DESCRIPTION_MAX_LENGTH,
  'articles.body': ARTICLE_BODY_MAX_LENGTH,
  'articles.tag_list': TAG_LIST_MAX_ITEMS,
  'articles.cover_image': COVER_IMAGE_MAX_LENGTH,
  'articles.cover_image_alt': COVER_IMAGE_ALT_MAX_LENGTH,
  'tags.name': TAG_MAX_LENGTH,
  'comments.body': COMMENT_BODY_MAX_LENGTH,
};
/** Bounded columns the contract says nothing about: the database's own safeguards. */
const DATABASE_OWN = ['assets.key', 'assets.content_type'];

/** The contract's username pattern with its length folded in, as users.username checks it. */
const USERNAME_CHECK = USERNAME_PATTERN.replace(/\+\$$/, `{1,${USERNAME_MAX_LENGTH}}$`);

// PostgreSQL keeps a check in its own words: `between 1 and 200` reads back as
// `((char_length(title) >= 1) AND (char_length(title) <= 200))`.
const UPPER_BOUND = /\b(?:char_length|cardinality)\((\w+)\) <= (\d+)\)/g;
const PATTERN_MATCH = /\((\w+) ~ '((?:[^']|'')*)'::text\)/g;

const CHECKS = `
  select c.conrelid::regclass::text as "table", pg_get_constraintdef(c.oid) as definition
  from pg_constraint c
  where c.contype = 'c' and c.connamespace = current_schema()::regnamespace
  order by 1, 2`;

let db: pg.Client;
let bounds: Map<string, number>;
let patterns: Map<string, string>;

beforeAll(async () => {
  db = new pg.Client({ connectionString: testEnv(TEST_ENV.databaseUrl) });
  await db.connect();
  const { rows } = await db.query<{ table: string; definition: string }>(CHECKS);
  bounds = new Map();
  patterns = new Map();
  for (const { table, definition } of rows) {
    for (const [, column, max] of definition.matchAll(UPPER_BOUND)) bounds.set(`${table}.${column}`, Number(max));
    for (const [, column, pattern] of definition.matchAll(PATTERN_MATCH)) {
      patterns.set(`${table}.${column}`, pattern!.replaceAll("''", "'"));
    }
  }
});

afterAll(async () => {
  await db.end();
});

describe('the database’s check constraints', () => {
  test('When the migrated schema is read, then every length and item bound is the contract’s limit', () => {
    const mismatches = Object.entries(CONTRACT_MAXIMA)
      .filter(([column, limit]) => bounds.get(column) !== limit)
      .map(([column, limit]) => `${column}: the database allows ${bounds.get(column) ?? 'any'}, the contract ${limit}`);

    expect(mismatches).toEqual([]);
  });

  test('When the migrated schema is read, then it bounds no column this test does not know (a new bound gets its limit here)', () => {
    const unknown = [...bounds.keys()].filter(
      (column) => !(column in CONTRACT_MAXIMA) && !DATABASE_OWN.includes(column),
    );

    expect(unknown).toEqual([]);
    expect(DATABASE_OWN.filter((column) => !bounds.has(column))).toEqual([]);
  });

  test('When the migrated schema is read, then usernames are checked with the contract’s pattern and length', () => {
    expect(Object.fromEntries(patterns)).toEqual({ 'users.username': USERNAME_CHECK });
  });
});
