// Profiles and following.
import type pg from 'pg';
import { brokenForeignKey } from '../../db/errors.js';
import { notFound, unauthorized, unprocessable } from '../../errors.js';
import { type ProfileRow, deleteFollow, findProfile, insertFollow } from './profile-repository.js';

export async function getProfile(db: pg.Pool, username: string, viewerId: number | null): Promise<ProfileRow> {
  const profile = await findProfile(db, username, viewerId);
  if (!profile) throw notFound('profile');
  return profile;
}

/** Follows the user; doing it twice is harmless; following oneself is refused. */
export async function follow(db: pg.Pool, followerId: number, username: string): Promise<ProfileRow> {
  const profile = await getProfile(db, username, followerId);
  if (profile.id === followerId) throw unprocessable({ profile: ['cannot follow yourself'] });
  try {
    await insertFollow(db, followerId, profile.id);
  } catch (error) {
    // Deleted meanwhile: the one to follow, or the follower (and with it the session).
    const key = brokenForeignKey(error);
    if (key === 'follows_followee_id_fkey') throw notFound('profile');
    if (key === 'follows_follower_id_fkey') throw unauthorized();
    throw error;
  }
  return { ...profile, following: true };
}

/** Stops following the user; harmless when not following. */
export async function unfollow(db: pg.Pool, followerId: number, username: string): Promise<ProfileRow> {
  const profile = await getProfile(db, username, followerId);
  await deleteFollow(db, followerId, profile.id);
  return { ...profile, following: false };
}
