// The tags in use, most used first.
import { POPULAR_TAGS_MAX_ITEMS } from '@inkwell/rules';

import { mockDb } from '../db';
import { http, identify, unauthorizedBody } from './http';

export const tagHandlers = [
  http.get('/tags', ({ request, response }) => {
    // Public, but a token that is sent must be valid, as on every operation of the API.
    if (identify(request).rejected) return response(401).json(unauthorizedBody());
    return response(200).json({ tags: mockDb.popularTags(POPULAR_TAGS_MAX_ITEMS) });
  }),
];
