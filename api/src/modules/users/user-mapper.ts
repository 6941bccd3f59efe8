// Users and profiles as the contract shows them: bio and image are always strings.
import type { components } from '@inkwell/openapi';
import type { UserRow } from './user-repository.js';

type User = components['schemas']['User'];
type Profile = components['schemas']['Profile'];

/** The signed-in user with the token of their session. */
export function toUserDto(row: UserRow, token: string, defaultAvatarUrl: string): User {
  return {
    email: row.email,
    token,
    username: row.username,
    bio: row.bio,
    image: row.image ?? defaultAvatarUrl,
  };
}

/** Any author's public face; `following` is false for anonymous callers. */
export function toProfileDto(
  row: { username: string; bio: string; image: string | null },
  following: boolean,
  defaultAvatarUrl: string,
): Profile {
  return { username: row.username, bio: row.bio, image: row.image ?? defaultAvatarUrl, following };
}
