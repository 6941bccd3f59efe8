// The tags in use, most used first.
import { POPULAR_TAGS_MAX_ITEMS } from '@inkwell/rules';

import { mockDb } from '../db';
import { http } from './http';

export const tagHandlers = [
  // Needs no token and ignores one that is sent, as the API does.
  http.get('/tags', ({ response }) => response(200).json({ tags: mockDb.popularTags(POPULAR_TAGS_MAX_ITEMS) })),
];
