// HTTP binding for the tag list.
import { POPULAR_TAGS_MAX_ITEMS } from '@inkwell/rules';
import type { OperationHandler } from '../../http/operation.js';
import { findMostUsedTags } from './tag-repository.js';

export const listTags: OperationHandler<'listTags'> = async ({ deps }) => {
  return { status: 200, body: { tags: await findMostUsedTags(deps.db, POPULAR_TAGS_MAX_ITEMS) } };
};
