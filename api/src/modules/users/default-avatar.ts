// The avatar shown for users without one of their own: a neutral silhouette, kept in our own
// bucket next to the uploads so its URL is an ordinary https asset URL (clients need a string).
import type { Logger } from 'pino';
import { DEFAULT_AVATAR_KEY } from '../../config.js';
import type { ObjectStore } from '../../storage/s3.js';

export const DEFAULT_AVATAR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<rect width="64" height="64" fill="#e6e8eb"/>
<circle cx="32" cy="25" r="12" fill="#a7adb5"/>
<path d="M10 60c2-13 11-20 22-20s20 7 22 20z" fill="#a7adb5"/>
</svg>
`;

/**
 * Writes the default avatar into the bucket (idempotent: same key, same bytes). Best effort: an
 * unreachable store at start-up is logged, and the next start tries again.
 */
export async function publishDefaultAvatar(objectStore: ObjectStore, logger: Logger): Promise<void> {
  try {
    await objectStore.put(DEFAULT_AVATAR_KEY, Buffer.from(DEFAULT_AVATAR_SVG), {
      contentType: 'image/svg+xml',
      cacheControl: 'public, max-age=86400',
    });
  } catch (error) {
    logger.warn({ err: error }, 'could not publish the default avatar');
  }
}
