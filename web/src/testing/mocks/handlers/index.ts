// Every mock handler, in matching order: the network controls first, then the image files,
// then one group per area of the contract.
import { articleHandlers } from './articles';
import { assetHandlers, mockAssetFileHandlers } from './assets';
import { commentHandlers } from './comments';
import { favoriteHandlers } from './favorites';
import { healthHandlers } from './health';
import { networkHandlers } from './network';
import { profileHandlers } from './profiles';
import { tagHandlers } from './tags';
import { userHandlers } from './users';

export const handlers = [
  ...networkHandlers,
  ...mockAssetFileHandlers,
  ...userHandlers,
  ...profileHandlers,
  ...articleHandlers,
  ...commentHandlers,
  ...favoriteHandlers,
  ...tagHandlers,
  ...assetHandlers,
  ...healthHandlers,
];
