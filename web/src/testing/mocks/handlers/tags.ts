// The tags in use, most used first.
import { mockDb } from '../db';
import { http } from './http';

const MAX_TAGS = 100;

export const tagHandlers = [
  http.get('/tags', ({ response }) => response(200).json({ tags: mockDb.popularTags(MAX_TAGS) })),
];
