// The mocks refuse in the API's own words: each case below is answered by a mock handler, and its
// topic and message must stand, quoted, in the API's source that answers the same request. A
// rewording on either side fails here instead of surprising a person in mock mode.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, test } from '@jest/globals';

import { seedArticle, seedComment, seedUser } from '../../factories';
import { callApi, pngBytes, setUpMockServer, uploadForm, type Answer } from '../test-client';

// Jest runs with the web workspace as its working directory.
const API_SOURCE = path.resolve(process.cwd(), '../api/src');

/** Whether `text` is a string literal (in either kind of quotes) somewhere in these API files. */
function quotedInApi(text: string, files: readonly string[]): boolean {
  return files.some((file) => {
    const source = readFileSync(path.join(API_SOURCE, file), 'utf8');
    return source.includes(`'${text}'`) || source.includes(`"${text}"`);
  });
}

/** A PNG cut short after its signature: the type is known, the pixels are not. */
const TRUNCATED_PNG = pngBytes(4, 4).slice(0, 16);

interface Refusal {
  when: string;
  /** The API's files that give this answer (its service, and the factory of its default wording). */
  api: readonly string[];
  call: () => Promise<Answer>;
  status: number;
  errors: Record<string, string[]>;
}

const REFUSALS: readonly Refusal[] = [
  {
    when: "someone deletes another writer's article",
    api: ['modules/articles/article-service.ts', 'errors.ts'],
    call: () => {
      const article = seedArticle({ author: seedUser({ username: 'owner' }) });
      seedUser({ username: 'intruder' });
      return callApi('DELETE', `/articles/${article.slug}`, { token: 'mock-token-intruder' });
    },
    status: 403,
    errors: { article: ['can only be changed by its author'] },
  },
  {
    when: 'someone deletes a comment they neither wrote nor moderate',
    api: ['modules/comments/comment-service.ts', 'errors.ts'],
    call: () => {
      const article = seedArticle({ author: seedUser({ username: 'owner' }) });
      const comment = seedComment({ article, author: seedUser({ username: 'commenter' }) });
      seedUser({ username: 'intruder' });
      return callApi('DELETE', `/articles/${article.slug}/comments/${comment.id}`, { token: 'mock-token-intruder' });
    },
    status: 403,
    errors: { comment: ["can only be deleted by its author or the article's author"] },
  },
  {
    when: 'a comment is deleted from an article that does not exist',
    api: ['modules/comments/comment-service.ts', 'errors.ts'],
    call: () => {
      seedUser({ username: 'reader' });
      return callApi('DELETE', '/articles/no-such-article/comments/1', { token: 'mock-token-reader' });
    },
    status: 404,
    errors: { article: ['not found'] },
  },
  {
    when: 'an uploaded image cannot be decoded',
    api: ['modules/assets/image-processing.ts', 'modules/assets/asset-service.ts'],
    call: () => {
      seedUser({ username: 'uploader' });
      return callApi('POST', '/assets', { token: 'mock-token-uploader', body: uploadForm(TRUNCATED_PNG) });
    },
    status: 422,
    errors: { file: ['could not be decoded as an image'] },
  },
];

setUpMockServer();

describe("the mocks' refusals are the API's", () => {
  test.each(REFUSALS)('When $when, then the mock answers as the API does', async ({ api, call, status, errors }) => {
    const answer = await call();

    expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { errors } });
    for (const [topic, messages] of Object.entries(errors)) {
      expect({ topic, inApi: quotedInApi(topic, api) }).toEqual({ topic, inApi: true });
      for (const message of messages)
        expect({ message, inApi: quotedInApi(message, api) }).toEqual({ message, inApi: true });
    }
  });
});
