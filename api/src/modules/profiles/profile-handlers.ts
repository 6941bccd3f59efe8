// HTTP bindings for profiles and following.
import type { OperationHandler } from '../../http/operation.js';
import { requireUser } from '../../tokens.js';
import { toProfileDto } from '../users/user-mapper.js';
import * as profileService from './profile-service.js';

export const getProfile: OperationHandler<'getProfile'> = async ({ params, user, deps }) => {
  const profile = await profileService.getProfile(deps.db, params.username, user?.id ?? null);
  return { status: 200, body: { profile: toProfileDto(profile, profile.following, deps.config.defaultAvatarUrl) } };
};

export const followProfile: OperationHandler<'followProfile'> = async ({ params, user, deps }) => {
  const profile = await profileService.follow(deps.db, requireUser(user).id, params.username);
  return { status: 200, body: { profile: toProfileDto(profile, true, deps.config.defaultAvatarUrl) } };
};

export const unfollowProfile: OperationHandler<'unfollowProfile'> = async ({ params, user, deps }) => {
  const profile = await profileService.unfollow(deps.db, requireUser(user).id, params.username);
  return { status: 200, body: { profile: toProfileDto(profile, false, deps.config.defaultAvatarUrl) } };
};
