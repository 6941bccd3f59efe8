// The seed: its generated plan (deterministic, within the API's rules) and seedDatabase() against
// a real PostgreSQL migrated with the API's migrations: exact counters in both bulk modes, no
// second seed without force, force replacing only seeded data, images uploaded through an API and
// stored as the web app stores them.
import assert from 'node:assert/strict';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verify } from '@node-rs/argon2';
import pg from 'pg';
import sharp from 'sharp';
import { startEmbeddedPostgres } from '@inkwell/local';
import type { EmbeddedPostgres } from '@inkwell/local';
import { ASSET_VARIANT_WIDTHS, parseImageUrl } from '@inkwell/rules';
import { FIRST_USER_FOLLOWS, SEED_EMAIL_DOMAIN, SeedPlan } from '../src/seed/plan.js';
import { seedDatabase } from '../src/seed/seed-database.js';
import { migrate } from '../src/seed/target-database.js';
import { makeTempDir } from './helpers.js';

const PASSWORD = 'correct horse battery';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function scalar(url: string, sql: string, values: unknown[] = []): Promise<number> {
  return withClient(url, async (client) =>
    Number(Object.values((await client.query(sql, values)).rows[0] as object)[0]),
  );
}

/**
 * The contract's Asset for the image in an upload's form, as the API makes it: the image's size,
 * and copies at the variant widths narrower than it.
 */
async function assetFor(req: IncomingMessage, body: Buffer, n: number) {
  const form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
  const file = form.get('file') as File;
  const { width, height } = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
  const url = (suffix: string) => `https://assets.example/a/${n}${suffix}.webp`;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    url: url(''),
    width,
    height,
    contentType: 'image/webp',
    bytes: file.size,
    variants: ASSET_VARIANT_WIDTHS.filter((w) => w < width).map((w) => ({ width: w, url: url(`-${w}`) })),
  };
}

function collect(plan: SeedPlan) {
  const batches = [...plan.articleBatches(50)];
  return { users: plan.users(), follows: plan.follows(), batches };
}

describe('the seed plan', () => {
  it('When a plan is built twice from the same seed, then it yields the same data set', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    // Arrange
    const first = new SeedPlan({ users: 30, articles: 120 }, 7, now);
    const second = new SeedPlan({ users: 30, articles: 120 }, 7, now);
    const other = new SeedPlan({ users: 30, articles: 120 }, 8, now);
    // Act
    const [a, b, c] = [collect(first), collect(second), collect(other)];
    // Assert
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.batches[0]!.articles.title, c.batches[0]!.articles.title);
  });

  it('When a plan is built, then its data keeps the rules the API enforces', () => {
    // Arrange
    const plan = new SeedPlan({ users: 60, articles: 600 }, 3, new Date('2026-03-01T12:00:00Z'));
    // Act
    const { users, follows, batches } = collect(plan);
    // Assert
    assert.equal(new Set(users.usernames.map((name) => name.toLowerCase())).size, 60);
    for (const name of users.usernames) assert.match(name, /^[A-Za-z0-9_-]{1,40}$/);
    assert.ok(users.emails.every((email) => email.endsWith(`@${SEED_EMAIL_DOMAIN}`)));
    assert.equal(follows.followerIndex.filter((user) => user === 0).length, FIRST_USER_FOLLOWS);
    assert.ok(
      follows.followerIndex.every((user, i) => user !== follows.followeeIndex[i]),
      'nobody follows themselves',
    );

    const slugs = new Set<string>();
    for (const { articles, favorites, comments } of batches) {
      articles.index.forEach((index, i) => {
        const tags = articles.tags[i] === '' ? [] : articles.tags[i]!.split(' ');
        assert.ok(tags.length <= 10);
        assert.deepEqual(tags, [...new Set(tags)].sort(), 'tags distinct and sorted');
        assert.match(articles.slug[i]!, /^[a-z0-9]+(-[a-z0-9]+)*-[a-z0-9]{6}$/);
        slugs.add(articles.slug[i]!);
        assert.ok(articles.title[i]!.length <= 200 && articles.description[i]!.length <= 500);
        assert.match(articles.body[i]!, /^## /m, 'the body is Markdown with sections');
        const pairs = favorites.articleIndex.flatMap((article, k) =>
          article === index ? [favorites.userIndex[k]] : [],
        );
        assert.equal(pairs.length, articles.favoritesCount[i]);
        assert.equal(new Set(pairs).size, pairs.length, 'one favorite per user and article');
        comments.articleIndex.forEach((article, k) => {
          if (article === index)
            assert.ok(comments.createdAt[k]! >= articles.createdAt[i]!, 'comments follow the article');
        });
      });
    }
    assert.equal(slugs.size, 600);
  });
});

describe('seedDatabase', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let postgres: EmbeddedPostgres;

  /** A new database with the API's schema; `owner` makes a non-superuser own it. */
  async function freshDatabase(name: string, owner?: string): Promise<string> {
    await withClient(postgres.connectionString, async (client) => {
      if (owner) await client.query(`create role ${owner} login password '${owner}-password'`);
      await client.query(`create database ${name}${owner ? ` owner ${owner}` : ''}`);
    });
    const url = owner
      ? `postgres://${owner}:${owner}-password@127.0.0.1:${postgres.port}/${name}`
      : postgres.urlFor(name);
    await migrate(url, process.env);
    return url;
  }

  async function assertConsistent(url: string): Promise<void> {
    const problems = await scalar(
      url,
      `select (select count(*) from tags t where articles_count <> (select count(*) from article_tags at where at.tag_id = t.id))
            + (select count(*) from articles a where favorites_count <> (select count(*) from favorites f where f.article_id = a.id))
            + (select count(*) from articles a, unnest(a.tag_list) as tag(name)
                where not exists (select from article_tags at join tags t on t.id = at.tag_id where at.article_id = a.id and t.name = tag.name))
            + (select count(*) from article_tags at join articles a on a.id = at.article_id where not at.tag_id in
                (select t.id from tags t where t.name = any (a.tag_list)))
            + (select abs(articles_count - (select count(*) from articles)) from article_totals)`,
    );
    assert.equal(problems, 0, 'every counter and tag link agrees with the rows');
  }

  before(async () => {
    tmp = await makeTempDir('seed');
    postgres = await startEmbeddedPostgres({ dataDir: `${tmp.dir}/postgres`, port: 0 });
  });
  after(async () => {
    await postgres?.stop();
    await tmp.remove();
  });

  it(
    'When an empty database is seeded, then the rows match the plan and every counter agrees',
    { timeout: 120_000 },
    async () => {
      // Arrange
      const url = await freshDatabase('seed_empty');
      // Act
      const result = await seedDatabase({ databaseUrl: url, articles: 400, users: 40, password: PASSWORD });
      // Assert
      assert.equal(result.status, 'seeded');
      assert.equal(result.counts.users, 40);
      assert.equal(result.counts.articles, 400);
      assert.equal(await scalar(url, 'select articles_count from article_totals'), 400);
      assert.deepEqual(result.images, { skipped: 'no API URL was given' });
      assert.deepEqual(
        { ...result.consistency },
        { tagCounts: 0, tagLinks: 0, tagDates: 0, favoriteCounts: 0, totalMatches: true, danglingReferences: 0 },
      );
      await assertConsistent(url);
      const hash = await withClient(
        url,
        async (client) => (await client.query('select distinct password_hash from users')).rows,
      );
      assert.equal(hash.length, 1, 'one shared hash');
      assert.match(hash[0].password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.equal(await verify(hash[0].password_hash, PASSWORD), true);
      assert.equal(result.account?.email.endsWith(`@${SEED_EMAIL_DOMAIN}`), true);
    },
  );

  it(
    'When the database was seeded before, then seeding again without force leaves it as it is',
    { timeout: 120_000 },
    async () => {
      // Arrange
      const url = await freshDatabase('seed_twice');
      await seedDatabase({ databaseUrl: url, articles: 100, users: 20, password: PASSWORD });
      const before = await scalar(url, 'select count(*) from comments');
      // Act
      const result = await seedDatabase({ databaseUrl: url, articles: 300, users: 30, password: PASSWORD, seed: 2 });
      // Assert
      assert.equal(result.status, 'skipped');
      assert.equal(await scalar(url, 'select count(*) from articles'), 100);
      assert.equal(await scalar(url, 'select count(*) from comments'), before);
    },
  );

  it(
    'When other users have data and force is given, then only the seeded data is replaced',
    { timeout: 120_000 },
    async () => {
      // Arrange: a real user with an article and favorites across both sets, written with the triggers on.
      const url = await freshDatabase('seed_force');
      await seedDatabase({ databaseUrl: url, articles: 150, users: 20, password: PASSWORD });
      await withClient(url, async (client) => {
        await client.query(
          `insert into users (username, email, password_hash) values ('realperson', 'real@example.com', 'x')`,
        );
        await client.query(
          `insert into articles (slug, title, description, body, tag_list, author_id)
         select 'kept-article', 'Kept', 'Kept', 'Body', '{javascript,zz-own-tag}', id from users where username = 'realperson'`,
        );
        await client.query(
          `insert into favorites (user_id, article_id)
         select u.id, a.id from users u, articles a where u.username = 'realperson' and a.slug <> 'kept-article' limit 3`,
        );
        await client.query(
          `insert into favorites (user_id, article_id)
         select u.id, a.id from users u, articles a where u.email like '%@${SEED_EMAIL_DOMAIN}' and a.slug = 'kept-article' limit 4`,
        );
      });
      assert.equal(await scalar(url, "select favorites_count from articles where slug = 'kept-article'"), 4);
      // Act
      const result = await seedDatabase({
        databaseUrl: url,
        articles: 200,
        users: 25,
        password: PASSWORD,
        seed: 9,
        force: true,
      });
      // Assert
      assert.equal(result.status, 'seeded');
      assert.equal(await scalar(url, "select count(*) from users where username = 'realperson'"), 1);
      assert.equal(await scalar(url, `select count(*) from users where email like '%@${SEED_EMAIL_DOMAIN}'`), 25);
      assert.equal(await scalar(url, 'select count(*) from articles'), 201);
      assert.equal(
        await scalar(url, "select favorites_count from articles where slug = 'kept-article'"),
        0,
        'favorites by replaced users are gone',
      );
      assert.equal(await scalar(url, "select articles_count from tags where name = 'zz-own-tag'"), 1);
      assert.equal(
        await scalar(
          url,
          "select count(*) from favorites f join users u on u.id = f.user_id where u.username = 'realperson'",
        ),
        0,
      );
      await assertConsistent(url);
    },
  );

  it(
    'When the role may not skip triggers, then the seed still keeps every counter exact and leaves the triggers on',
    { timeout: 120_000 },
    async () => {
      // Arrange
      const url = await freshDatabase('seed_owner', 'seed_owner');
      assert.equal(await scalar(url, 'select count(*) from pg_roles where rolname = current_user and not rolsuper'), 1);
      // Act
      const result = await seedDatabase({
        databaseUrl: url,
        articles: 300,
        users: 30,
        password: PASSWORD,
        force: true,
      });
      // Assert
      assert.equal(result.status, 'seeded');
      await assertConsistent(url);
      assert.equal(await scalar(url, "select count(*) from pg_trigger where not tgisinternal and tgenabled <> 'O'"), 0);
      await withClient(url, async (client) => {
        await client.query(
          `insert into favorites (user_id, article_id)
         select u.id, (select id from articles where favorites_count = 0 order by id limit 1) from users u order by u.id limit 1`,
        );
      });
      await assertConsistent(url);
    },
  );

  it(
    'When favorites has a trigger the seed does not know, then it refuses and names it',
    { timeout: 120_000 },
    async () => {
      // Arrange
      const url = await freshDatabase('seed_unknown_trigger');
      await withClient(url, async (client) => {
        await client.query('create function noop() returns trigger language plpgsql as $$ begin return null; end $$');
        await client.query(
          'create trigger favorites_audit after insert on favorites for each row execute function noop()',
        );
      });
      // Act
      const seeding = seedDatabase({ databaseUrl: url, articles: 50, users: 12, password: PASSWORD });
      // Assert
      await assert.rejects(seeding, /favorites has triggers the seed does not know: favorites_audit/);
      assert.equal(await scalar(url, 'select count(*) from users'), 0, 'the seeded users were removed again');
    },
  );

  it(
    'When an API URL is given, then images are uploaded as the first user and stored as the web app stores them',
    { timeout: 120_000 },
    async () => {
      // Arrange: a stand-in for the API's sign-in and upload endpoints, answering with the contract's Asset.
      const url = await freshDatabase('seed_images');
      const uploads: Array<{ authorization?: string; bytes: number; type?: string }> = [];
      let signedIn: { email?: string; password?: string } = {};
      const api = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          if (req.url === '/api/v1/users/login') {
            signedIn = (JSON.parse(body.toString()) as { user: typeof signedIn }).user;
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ user: { token: 'a.b.c' } }));
            return;
          }
          uploads.push({
            authorization: req.headers.authorization,
            bytes: body.length,
            type: req.headers['content-type'],
          });
          assetFor(req, body, uploads.length).then(
            (asset) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ asset })),
            (error: unknown) => res.writeHead(500).end(String(error)),
          );
        });
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v1`;
      try {
        // Act
        const result = await seedDatabase({ databaseUrl: url, articles: 60, users: 12, password: PASSWORD, apiUrl });
        // Assert
        assert.deepEqual(signedIn, { email: result.account?.email, password: PASSWORD });
        assert.ok(uploads.length >= 2 && uploads.length <= 16);
        for (const upload of uploads) {
          assert.equal(upload.authorization, 'Token a.b.c');
          assert.match(upload.type ?? '', /^multipart\/form-data; boundary=/);
          assert.ok(upload.bytes > 1000, 'a real image was sent');
        }
        assert.ok('avatars' in result.images && result.images.avatars > 0 && result.images.covers > 0);
        const [avatars, covers] = await withClient(url, async (client) => [
          (await client.query<{ url: string }>('select image as url from users where image is not null')).rows,
          (await client.query<{ url: string }>('select cover_image as url from articles where cover_image is not null'))
            .rows,
        ]);
        assert.ok(avatars.length > 0 && covers.length > 0);
        for (const { url: avatar } of avatars) {
          // A 400 px avatar has one copy narrower than it, 320 px: enough for 96 CSS px at 3x.
          assert.match(avatar, /^https:\/\/assets\.example\/a\/\d+-320\.webp$/, 'an avatar is a small variant');
        }
        for (const { url: cover } of covers) {
          assert.match(
            cover,
            /^https:\/\/assets\.example\/a\/\d+\.webp#w=1600&h=900&v=320,640,960,1280$/,
            'a cover carries its size and variant widths',
          );
        }
        const { src, width, height, srcSet } = parseImageUrl(covers[0]!.url);
        assert.deepEqual({ width, height }, { width: 1600, height: 900 });
        assert.equal(srcSet?.split(', ').length, 5, 'four variants and the full size');
        assert.ok(srcSet?.endsWith(`${src} 1600w`));
      } finally {
        api.close();
      }
    },
  );
});
