// Profiles and following.
import type pg from 'pg';
import { notFound, unprocessable } from '../../errors.js';
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
  await insertFollow(db, followerId, profile.id);
  return { ...profile, following: true };
}

/** Stops following the user; harmless when not following. */
export async function unfollow(db: pg.Pool, followerId: number, username: string): Promise<ProfileRow> {
  const profile = await getProfile(db, username, followerId);
  await deleteFollow(db, followerId, profile.id);
  return { ...profile, following: false };
}
