// A consumer's program, as someone who installed @inkwell/client would write it. pack.test.ts
// compiles it strictly against the packed package and runs it against a real API: sign up,
// upload a cover, publish articles with it, list them back with paginate(), comment, and meet an
// error. It prints what it saw as one line of JSON.
//
//   node sample.js <API base URL, e.g. http://127.0.0.1:3001/api/v1> <cover image>
import { openAsBlob } from 'node:fs';
import { createInkwellClient, InkwellApiError, paginate, unwrap, uploadAsset } from '@inkwell/client';
import type { Schema } from '@inkwell/client';

const [baseUrl, coverPath] = process.argv.slice(2);
if (!baseUrl || !coverPath) throw new Error('usage: node sample.js <API base URL> <cover image>');

const client = createInkwellClient({ baseUrl });
const name = `reader${Date.now().toString(36)}`;

// Sign up; the answer carries the token, which the client sends from then on.
const { user } = await unwrap(
  client.POST('/users', {
    body: { user: { username: name, email: `${name}@example.com`, password: 'correct horse battery' } },
  }),
);
client.setToken(user.token);

// Upload a cover image and publish three articles with it.
const cover = await openAsBlob(coverPath, { type: 'image/png' });
const { asset } = await unwrap(uploadAsset(client, cover, { filename: 'cover.png' }));
const published: Schema<'Article'>[] = [];
for (const title of ['First light', 'Second wind', 'Third time lucky']) {
  const { article } = await unwrap(
    client.POST('/articles', {
      body: {
        article: {
          title,
          description: `${title}, by ${name}`,
          body: `# ${title}\n\nWritten with the typed client.`,
          tagList: ['client'],
          coverImage: asset.url,
        },
      },
    }),
  );
  published.push(article);
}

// List them back, two to a page.
const listed: string[] = [];
for await (const article of paginate(client, '/articles', { query: { author: user.username, limit: 2 } })) {
  listed.push(article.slug);
}

// Two comments on the first article, listed one to a page.
const slug = published[0]!.slug;
for (const body of ['First!', 'Second.']) {
  await unwrap(client.POST('/articles/{slug}/comments', { params: { path: { slug } }, body: { comment: { body } } }));
}
const comments: string[] = [];
for await (const comment of paginate(client, '/articles/{slug}/comments', { path: { slug }, query: { limit: 1 } })) {
  comments.push(comment.body);
}

// An article that does not exist: the error carries the status and the contract's error map.
let notFound: { status: number; errors: Record<string, string[]>; requestId: string | null } | undefined;
try {
  await unwrap(client.GET('/articles/{slug}', { params: { path: { slug: `missing-${name}` } } }));
} catch (error) {
  if (!(error instanceof InkwellApiError)) throw error;
  notFound = { status: error.status, errors: error.errors, requestId: error.requestId };
}

process.stdout.write(
  `${JSON.stringify({
    username: user.username,
    cover: { url: asset.url, width: asset.width, height: asset.height },
    published: published.map((article) => ({ slug: article.slug, coverImage: article.coverImage })),
    listed,
    comments,
    notFound,
  })}\n`,
);
