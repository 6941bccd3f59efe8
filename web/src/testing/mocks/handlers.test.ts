// The mock handlers behave like the API: auth, validation, filters, search, paging, ordering,
// slugs, favorites, follows, comments, tags and uploads. (Shapes are checked in contract.test.ts.)
import { describe, expect, test } from '@jest/globals';
import type { components } from '@inkwell/openapi';

import { MOCK_PASSWORD, seedArticle, seedComment, seedUser } from '../factories';
import { mockDb } from './db';
import { callApi, ORIGIN, pngBytes, uploadForm, setUpMockServer } from './test-client';

type Schemas = components['schemas'];
type ArticleList = Schemas['MultipleArticlesResponse'];

const ADA = 'mock-token-ada';
const DRAGON = 'how-to-train-your-dragon';

async function listArticles(query: string, token?: string): Promise<ArticleList> {
  const answer = await callApi('GET', `/articles${query}`, { token });
  expect(answer.status).toBe(200);
  return answer.body as ArticleList;
}

const publish = (token: string, article: Record<string, unknown>) =>
  callApi('POST', '/articles', { token, json: { article: { description: 'd', body: 'b', ...article } } });

setUpMockServer();

describe('users', () => {
  test('When someone signs up, then the answered token signs them in and bio and image are strings', async () => {
    const signUp = await callApi('POST', '/users', {
      json: { user: { username: 'newbie', email: 'newbie@inkwell.test', password: 'long enough' } },
    });

    const { user } = signUp.body as Schemas['UserResponse'];
    const me = await callApi('GET', '/user', { headers: { Authorization: `Bearer ${user.token}` } });
    expect(signUp.status).toBe(201);
    expect(user).toMatchObject({ username: 'newbie', bio: '', image: `${ORIGIN}/mock-assets/avatars/default.svg` });
    expect((me.body as Schemas['UserResponse']).user.username).toBe('newbie');
  });

  test('When a signed-out token is sent to sign in, sign up, list tags or check health, then it is ignored, as the API does', async () => {
    const signIn = await callApi('POST', '/users/login', {
      json: { user: { email: 'ada@inkwell.test', password: MOCK_PASSWORD } },
    });
    const stale = (signIn.body as Schemas['UserResponse']).user.token;
    await callApi('POST', '/users/logout', { token: stale });

    const [again, signUp, tags, health] = await Promise.all([
      callApi('POST', '/users/login', {
        token: stale,
        json: { user: { email: 'ada@inkwell.test', password: MOCK_PASSWORD } },
      }),
      callApi('POST', '/users', {
        token: stale,
        json: { user: { username: 'newbie', email: 'newbie@inkwell.test', password: 'long enough' } },
      }),
      callApi('GET', '/tags', { token: stale }),
      callApi('GET', '/health', { token: stale }),
    ]);

    expect([again.status, signUp.status, tags.status, health.status]).toEqual([200, 201, 200, 200]);
    const fresh = (again.body as Schemas['UserResponse']).user.token;
    expect(fresh).not.toBe(stale);
    expect((await callApi('GET', '/user', { token: fresh })).status).toBe(200);
    expect((await callApi('GET', '/user', { token: stale })).status).toBe(401);
    expect((signUp.body as Schemas['UserResponse']).user.username).toBe('newbie');
  });

  test('When sign-up input is invalid in several fields, then one 422 lists each of them', async () => {
    const answer = await callApi('POST', '/users', {
      json: { user: { username: 'no spaces', email: 'nope', password: 'short' } },
    });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      errors: {
        username: ['is invalid'],
        email: ['is invalid'],
        password: ['is too short (minimum is 8 characters)'],
      },
    });
  });

  test('When the username and email are taken in another case, then both are reported as taken', async () => {
    const answer = await callApi('POST', '/users', {
      json: { user: { username: 'ADA', email: 'Ada@Inkwell.test', password: 'long enough' } },
    });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      errors: { email: ['has already been taken'], username: ['has already been taken'] },
    });
  });

  test('When a seeded user signs in with the demo password, then they get their fixed token', async () => {
    const answer = await callApi('POST', '/users/login', {
      json: { user: { email: 'grace@inkwell.test', password: MOCK_PASSWORD } },
    });

    expect(answer.status).toBe(200);
    expect((answer.body as Schemas['UserResponse']).user.token).toBe('mock-token-grace');
  });

  test('When the user renames themselves and clears the picture, then the old token still works and the default avatar shows', async () => {
    const update = await callApi('PUT', '/user', { token: ADA, json: { user: { username: 'countess', image: null } } });

    const me = await callApi('GET', '/user', { token: ADA });
    expect(update.status).toBe(200);
    expect((me.body as Schemas['UserResponse']).user).toMatchObject({
      username: 'countess',
      image: `${ORIGIN}/mock-assets/avatars/default.svg`,
    });
  });

  test('When a user signs out, then that token is refused everywhere and signing in again gives a working one', async () => {
    const logout = await callApi('POST', '/users/logout', { token: ADA });

    const me = await callApi('GET', '/user', { token: ADA });
    const list = await callApi('GET', '/articles', { token: ADA });
    const again = await callApi('POST', '/users/login', {
      json: { user: { email: 'ada@inkwell.test', password: MOCK_PASSWORD } },
    });
    const { token } = (again.body as Schemas['UserResponse']).user;
    expect([logout.status, logout.body, me.status, list.status]).toEqual([204, null, 401, 401]);
    expect(token).not.toBe(ADA);
    expect((await callApi('GET', '/user', { token })).status).toBe(200);
  });

  test('When the password changes, then the answer carries a new token and the old one is refused', async () => {
    const update = await callApi('PUT', '/user', { token: ADA, json: { user: { password: 'a new passphrase' } } });

    const { token } = (update.body as Schemas['UserResponse']).user;
    expect(update.status).toBe(200);
    expect(token).not.toBe(ADA);
    expect((await callApi('GET', '/user', { token: ADA })).status).toBe(401);
    expect((await callApi('GET', '/user', { token })).status).toBe(200);
  });

  test('When the password is an empty string, then it stays, other changes apply and the token still works', async () => {
    const update = await callApi('PUT', '/user', { token: ADA, json: { user: { password: '', bio: 'Same key' } } });

    const signIn = await callApi('POST', '/users/login', {
      json: { user: { email: 'ada@inkwell.test', password: MOCK_PASSWORD } },
    });
    expect(update.status).toBe(200);
    expect((update.body as Schemas['UserResponse']).user).toMatchObject({ bio: 'Same key', token: ADA });
    expect(signIn.status).toBe(200);
  });

  test('When a header that is not Token or Bearer is sent, then it answers 401 in the error shape', async () => {
    const answer = await callApi('GET', '/articles', { headers: { Authorization: `Basic ${ADA}` } });

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errors: { token: ['is missing or invalid'] } });
  });
});

describe('profiles and the feed', () => {
  test('When a user follows an author, then the profile says so and their articles fill the feed; unfollowing empties it', async () => {
    const reader = seedUser();

    const follow = await callApi('POST', '/profiles/olu/follow', {
      token: reader.token,
      json: { user: { email: 'ignored' } },
    });
    const feed = await listArticles('/feed', reader.token);
    await callApi('DELETE', '/profiles/olu/follow', { token: reader.token });
    const after = await listArticles('/feed', reader.token);

    expect((follow.body as Schemas['ProfileResponse']).profile.following).toBe(true);
    expect(feed.articlesCount).toBe(
      mockDb.allArticles().filter((a) => a.authorId === mockDb.userByUsername('olu')?.id).length,
    );
    expect(feed.articles.every((a) => a.author.username === 'olu' && a.author.following)).toBe(true);
    expect(after).toEqual({ articles: [], articlesCount: 0 });
  });
});

describe('article lists', () => {
  test('When articles are listed, then they come newest first, 20 by default, without body, with the total', async () => {
    const list = await listArticles('');

    const dates = list.articles.map((a) => a.createdAt);
    expect(list.articles).toHaveLength(20);
    expect(list.articlesCount).toBe(mockDb.allArticles().length);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(list.articles.some((a) => 'body' in a)).toBe(false);
  });

  test('When limit and offset are given, then that page is answered and the total is unchanged', async () => {
    const all = await listArticles('?limit=100');

    const page = await listArticles('?limit=5&offset=10');

    expect(page.articles.map((a) => a.slug)).toEqual(all.articles.slice(10, 15).map((a) => a.slug));
    expect(page.articlesCount).toBe(all.articlesCount);
  });

  test('When filtering by tag, author and favoriter, then only matching articles come back', async () => {
    const fan = seedUser();
    seedArticle({ author: 'grace', tagList: ['rare'], favoritedBy: [fan] });
    seedArticle({ author: 'ada', tagList: ['rare'], favoritedBy: [fan] });

    const list = await listArticles(`?tag=rare&author=GRACE&favorited=${fan.username}`);

    expect(list.articlesCount).toBe(1);
    expect(list.articles[0]?.author.username).toBe('grace');
  });

  test('When filtering by an unknown author or favoriter, then the list is empty, not 404', async () => {
    expect(await listArticles('?author=johnjacob')).toEqual({ articles: [], articlesCount: 0 });
    expect(await listArticles('?favorited=johnjacob')).toEqual({ articles: [], articlesCount: 0 });
  });

  test('When searching, then title matches rank above body-only matches and excluded words drop articles', async () => {
    const inTitle = seedArticle({ title: 'Gardening with moss', createdAt: '2020-01-01T00:00:00.000Z' });
    const inBody = seedArticle({ title: 'Weekend notes', body: 'Some moss on the wall.' });
    seedArticle({ title: 'Moss and lichens', body: 'About lichens.' });

    const list = await listArticles('?q=MOSS%20-lichens');

    expect(list.articles.map((a) => a.slug)).toEqual([inTitle.slug, inBody.slug]);
  });

  test.each([
    ['only excluded words', '-zzzz -yyyy'],
    ['an excluded phrase', '-"dragon training"'],
    ['a word or an excluded one', 'dragons or -zzzz'],
    ['only stop words', 'the and of'],
    ['punctuation', '!!! ???'],
  ])('When the search has %s, then it answers 422 naming q, as the API does', async (_case, q) => {
    const answer = await callApi('GET', `/articles?q=${encodeURIComponent(q)}`);

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      errors: { q: ['must contain a word to look for, not only excluded or very common words'] },
    });
  });

  test('When a search has a word beside exclusions or stop words, then it runs', async () => {
    const moss = seedArticle({ title: 'Gardening with moss' });

    const answers = await Promise.all(
      ['moss -lichens', 'the moss', 'Moss and the'].map((q) => listArticles(`?q=${encodeURIComponent(q)}`)),
    );

    for (const list of answers) expect(list.articles.map((a) => a.slug)).toContain(moss.slug);
  });

  test('When a limit is out of range, then it answers 422 naming the parameter', async () => {
    const answer = await callApi('GET', '/articles?limit=101&offset=x');

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ errors: { limit: ['must be between 1 and 100'], offset: ['must be an integer'] } });
  });
});

describe('one article', () => {
  test('When an article is published, then tags are sorted, timestamps carry milliseconds and it heads the list', async () => {
    const answer = await publish(ADA, { title: 'How to train your dragon', tagList: ['training', 'dragons'] });

    const { article } = answer.body as Schemas['ArticleResponse'];
    const list = await listArticles('?tag=dragons');
    expect(answer.status).toBe(201);
    expect(article.tagList).toEqual(['dragons', 'training']);
    expect(article.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(article.slug).not.toBe(DRAGON); // the seed already has that title: a suffix keeps it unique
    expect(article.slug.startsWith(`${DRAGON}-`)).toBe(true);
    expect(list.articles[0]?.slug).toBe(article.slug);
  });

  test('When the title changes, then the slug follows it and the old slug answers with the new one', async () => {
    const answer = await callApi('PUT', `/articles/${DRAGON}`, {
      token: ADA,
      json: { article: { title: 'Taming Dragons' } },
    });

    const { article } = answer.body as Schemas['ArticleResponse'];
    expect(article.slug).toBe('taming-dragons');
    expect(article.updatedAt > article.createdAt).toBe(true);
    const old = await callApi('GET', `/articles/${DRAGON}`);
    expect(old.status).toBe(200);
    expect((old.body as Schemas['ArticleResponse']).article.slug).toBe('taming-dragons');
  });

  test('When an article is deleted, then its comments and favorites go with it', async () => {
    const article = seedArticle({ author: 'ada', favoritedBy: ['grace'] });
    seedComment({ article, author: 'olu' });

    const answer = await callApi('DELETE', `/articles/${article.slug}`, {
      token: ADA,
      headers: { 'Content-Type': 'application/json' },
    });

    expect(answer.status).toBe(204);
    expect((await callApi('GET', `/articles/${article.slug}/comments`)).status).toBe(404);
    expect((await listArticles('?favorited=grace')).articles.some((a) => a.slug === article.slug)).toBe(false);
  });

  test('When an edit is checked, then like the API the token comes first, then the input, then 404, then 403', async () => {
    const grace = 'reading-a-stack-trace-without-panic';
    const statuses = await Promise.all([
      callApi('PUT', `/articles/${grace}`, { json: { article: {} } }),
      callApi('PUT', `/articles/${grace}`, { token: ADA, json: { article: {} } }),
      callApi('PUT', '/articles/nope', { token: ADA, json: { article: { body: 'x' } } }),
      callApi('PUT', `/articles/${grace}`, { token: ADA, json: { article: { body: 'x' } } }),
    ]);

    expect(statuses.map((a) => a.status)).toEqual([401, 422, 404, 403]);
  });

  test('When a cover is not an http(s) URL, then it answers 422 on coverImage', async () => {
    const answer = await publish(ADA, { title: 'Covered', coverImage: 'data:image/png;base64,AAAA' });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ errors: { coverImage: ['is invalid'] } });
  });
});

describe('favorites', () => {
  test('When an article is favorited twice and unfavorited, then favorited and the count follow', async () => {
    const article = seedArticle({ author: 'grace' });

    await callApi('POST', `/articles/${article.slug}/favorite`, { token: ADA });
    const twice = await callApi('POST', `/articles/${article.slug}/favorite`, { token: ADA });
    const listed = await listArticles('?favorited=ada&limit=1', ADA);
    const undone = await callApi('DELETE', `/articles/${article.slug}/favorite`, { token: ADA });

    expect((twice.body as Schemas['ArticleResponse']).article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(listed.articles[0]).toMatchObject({ slug: article.slug, favorited: true, favoritesCount: 1 });
    expect((undone.body as Schemas['ArticleResponse']).article).toMatchObject({ favorited: false, favoritesCount: 0 });
  });
});

describe('comments', () => {
  test('When comments are added, then they are listed newest first and the author may delete theirs', async () => {
    const article = seedArticle({ author: 'grace' });
    const first = await callApi('POST', `/articles/${article.slug}/comments`, {
      token: ADA,
      json: { comment: { body: 'First' } },
    });
    const second = await callApi('POST', `/articles/${article.slug}/comments`, {
      token: ADA,
      json: { comment: { body: 'Second' } },
    });

    const listed = await callApi('GET', `/articles/${article.slug}/comments`);
    const { comment } = first.body as Schemas['CommentResponse'];
    const removed = await callApi('DELETE', `/articles/${article.slug}/comments/${comment.id}`, { token: ADA });
    const after = await callApi('GET', `/articles/${article.slug}/comments?limit=10`);

    expect(second.status).toBe(200);
    expect((listed.body as Schemas['MultipleCommentsResponse']).comments.map((c) => c.body)).toEqual([
      'Second',
      'First',
    ]);
    expect(removed.status).toBe(204);
    expect((after.body as Schemas['MultipleCommentsResponse']).comments.map((c) => c.body)).toEqual(['Second']);
  });

  test('When a comment id belongs to another article, then it answers 404', async () => {
    const elsewhere = seedComment({ article: DRAGON, author: 'ada' });
    const other = seedArticle({ author: 'ada' });

    const answer = await callApi('DELETE', `/articles/${other.slug}/comments/${elsewhere.id}`, { token: ADA });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ errors: { comment: ['not found'] } });
  });
});

describe('tags', () => {
  test('When tags are listed, then the most used come first', async () => {
    mockDb.clear();
    const author = seedUser();
    seedArticle({ author, tagList: ['b', 'a'] });
    seedArticle({ author, tagList: ['b', 'c'] });
    seedArticle({ author, tagList: ['b', 'c'] });

    const answer = await callApi('GET', '/tags');

    expect(answer.body).toEqual({ tags: ['b', 'c', 'a'] });
  });
});

describe('uploads and mock images', () => {
  test('When a PNG is uploaded, then its size and variants are answered and its URLs serve the same bytes', async () => {
    const png = pngBytes(1500, 1000);

    const answer = await callApi('POST', '/assets', { token: ADA, body: uploadForm(png, 'holiday.jpg', 'image/jpeg') });

    const { asset } = answer.body as Schemas['AssetResponse'];
    expect(answer.status).toBe(201);
    expect(asset).toMatchObject({ width: 1500, height: 1000, bytes: png.byteLength, contentType: 'image/webp' });
    expect(asset.variants.map((v) => v.width)).toEqual([320, 640, 960, 1280]);
    for (const url of [asset.url, ...asset.variants.map((v) => v.url)]) {
      const served = await fetch(url);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    }
  });

  test('When a generated cover variant is fetched, then an SVG of that width comes back; unknown names are 404', async () => {
    const cover = await fetch(`${ORIGIN}/mock-assets/covers/dragon-640.svg`);
    const unknown = await fetch(`${ORIGIN}/mock-assets/covers/..%2Fsecret.svg`);

    expect(cover.headers.get('content-type')).toBe('image/svg+xml');
    expect(await cover.text()).toMatch(/^<svg [^>]*width="640" height="360"/);
    expect(unknown.status).toBe(404);
  });

  test('When the seed is loaded, then every avatar and cover URL points at the mock’s own images', async () => {
    const list = await listArticles('?limit=100');

    const urls = list.articles.flatMap((a) => [a.coverImage, a.author.image]).filter((u): u is string => u !== null);
    const answers = await Promise.all([...new Set(urls)].map((u) => fetch(u)));
    expect(urls.every((u) => u.startsWith(`${ORIGIN}/mock-assets/`))).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(list.articles.some((a) => a.coverImage === null)).toBe(true);
  });
});
