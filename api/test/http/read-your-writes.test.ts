// Read-your-writes across replicas: two apps on one database, each with its own cache and its own
// listener, as two API processes behind nginx. A write answered by one is in the very next read
// of the other, because the writer answers only once its change has come back through its
// listener (and so has reached every listener). The listeners hear the database late, as on a
// busy machine: the reader's 30 ms, so an answer sent before its change has come back is caught;
// the writer's 60 ms, as the writer's wait is only as good as its listener is no faster than the
// others (the bound the README states).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { articleFactory } from '../factories/article-factory.js';
import { userFactory } from '../factories/user-factory.js';
import { type TestApp, startTestApp, tokenHeader } from '../helpers/test-app.js';
import { TEST_ENV, testEnv } from '../helpers/test-env.js';
import { type Relay, startRelay } from '../helpers/relay.js';
import { waitUntil } from '../helpers/wait.js';

const WRITER_LISTENER_DELAY_MS = 60;
const READER_LISTENER_DELAY_MS = 30;
let relays: Relay[];
let writer: TestApp;
let reader: TestApp;

beforeAll(async () => {
  const database = testEnv(TEST_ENV.databaseUrl);
  relays = [
    await startRelay(database, { delayMs: WRITER_LISTENER_DELAY_MS }),
    await startRelay(database, { delayMs: READER_LISTENER_DELAY_MS }),
  ];
  writer = await startTestApp({ listenUrl: relays[0]!.url, announcesReads: true });
  reader = await startTestApp({ listenUrl: relays[1]!.url, announcesReads: true });
});
afterAll(async () => {
  await writer?.close();
  await reader?.close();
  for (const relay of relays ?? []) await relay.close();
});

describe('read-your-writes across replicas', () => {
  test('When a write is answered by one replica, then the next anonymous read on the other shows it', async () => {
    const author = await userFactory.create(writer);
    const fan = await userFactory.create(writer);
    const { slug } = await articleFactory.create(writer, { author });
    await waitUntil(() => writer.notifications.isLive() && reader.notifications.isLive());
    await reader.notifications.caughtUp(2000);
    const path = `/api/v1/articles/${slug}`;
    const counts: number[] = [];

    for (let round = 0; round < 10; round += 1) {
      // Cached on the reader…
      await reader.request.get(path);
      await reader.request.get(path);
      // …changed through the writer…
      const write =
        round % 2 === 0 ? writer.request.post(`${path}/favorite`) : writer.request.delete(`${path}/favorite`);
      expect((await write.set(tokenHeader(fan.token))).status).toBe(200);
      // …and read again on the reader at once.
      counts.push((await reader.request.get(path)).body.article.favoritesCount);
    }

    expect(counts).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  test('When a comment is posted on one replica, then the comments on the other show it at once', async () => {
    const author = await userFactory.create(writer);
    const { slug } = await articleFactory.create(writer, { author });
    await reader.notifications.caughtUp(2000);
    const path = `/api/v1/articles/${slug}/comments`;
    await reader.request.get(path);

    await writer.request
      .post(path)
      .set(tokenHeader(author.token))
      .send({ comment: { body: 'first' } });
    const res = await reader.request.get(path);

    expect(res.body.comments.map((comment: { body: string }) => comment.body)).toEqual(['first']);
  });
});
