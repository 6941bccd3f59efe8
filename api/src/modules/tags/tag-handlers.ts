// HTTP binding for the tag list.
import type { OperationHandler } from '../../http/operation.js';
import { findMostUsedTags } from './tag-repository.js';

const MAX_TAGS = 100;

export const listTags: OperationHandler<'listTags'> = async ({ deps }) => {
  return { status: 200, body: { tags: await findMostUsedTags(deps.db, MAX_TAGS) } };
};
