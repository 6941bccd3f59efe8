// SQL for profiles and follows.
import { type Queryable, query, queryOne, sql } from '../../db/pool.js';

export interface ProfileRow {
  id: number;
  username: string;
  bio: string;
  image: string | null;
  /** Whether the viewer follows this user (false without a viewer). */
  following: boolean;
}

const FIND_BY_USERNAME = sql(
  'profiles.find-by-username',
  `select u.id, u.username, u.bio, u.image,
          exists (select 1 from follows f where f.follower_id = $2 and f.followee_id = u.id) as following
     from users u
    where lower(u.username) = lower($1)`,
);
const FOLLOW = sql(
  'profiles.follow',
  'insert into follows (follower_id, followee_id) values ($1, $2) on conflict do nothing',
);
const UNFOLLOW = sql('profiles.unfollow', 'delete from follows where follower_id = $1 and followee_id = $2');

export async function findProfile(
  db: Queryable,
  username: string,
  viewerId: number | null,
): Promise<ProfileRow | null> {
  return queryOne<ProfileRow>(db, FIND_BY_USERNAME, [username, viewerId]);
}

export async function insertFollow(db: Queryable, followerId: number, followeeId: number): Promise<void> {
  await query(db, FOLLOW, [followerId, followeeId]);
}

export async function deleteFollow(db: Queryable, followerId: number, followeeId: number): Promise<void> {
  await query(db, UNFOLLOW, [followerId, followeeId]);
}
