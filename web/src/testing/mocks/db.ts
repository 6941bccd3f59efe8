// The one mock store the handlers, the dev worker and the tests share, holding the seed at first,
// and its views. `mockDb.reset()` restores the seed; `mockDb.clear()` empties it for tests that
// arrange their own rows. Rows are typed in records.ts, the store is store.ts, the JSON the API
// answers comes from views.ts.
import { seedMockDb } from './seed';
import { MockDatabase } from './store';
import { mockViews } from './views';

export const mockDb = new MockDatabase(seedMockDb);
mockDb.reset();

/** Records of `mockDb` as the API answers them (`views.toArticle(article, viewer)`, …). */
export const views = mockViews(mockDb);
