// HTTP bindings for sign-up, sign-in, sign-out and the signed-in user.
import type { HandlerDeps } from '../../deps.js';
import type { OperationHandler } from '../../http/operation.js';
import { requireUser } from '../../tokens.js';
import { toUserDto } from './user-mapper.js';
import type { UserRow } from './user-repository.js';
import * as userService from './user-service.js';

/** The user with the token of a session just started for them. */
async function signedIn(deps: HandlerDeps, user: UserRow) {
  const { token } = await deps.tokens.issue(deps.db, user.id);
  return { user: toUserDto(user, token, deps.config.defaultAvatarUrl) };
}

export const loginUser: OperationHandler<'loginUser'> = async ({ body, deps }) => {
  const user = await userService.login(deps.db, body.user.email, body.user.password);
  return { status: 200, body: await signedIn(deps, user) };
};

export const createUser: OperationHandler<'createUser'> = async ({ body, deps }) => {
  const user = await userService.register(deps.db, body.user);
  return { status: 201, body: await signedIn(deps, user) };
};

// The token it was called with: reading the user never starts or extends a session.
export const getCurrentUser: OperationHandler<'getCurrentUser'> = async ({ user, deps }) => {
  const caller = requireUser(user);
  const current = await userService.getCurrent(deps.db, caller.id);
  return { status: 200, body: { user: toUserDto(current, caller.token, deps.config.defaultAvatarUrl) } };
};

export const updateCurrentUser: OperationHandler<'updateCurrentUser'> = async ({ body, user, deps }) => {
  const updated = await userService.updateCurrent(deps.db, deps.tokens, requireUser(user), body.user);
  return { status: 200, body: { user: toUserDto(updated.user, updated.token, deps.config.defaultAvatarUrl) } };
};

export const logoutUser: OperationHandler<'logoutUser'> = async ({ user, deps }) => {
  await deps.tokens.revoke(deps.db, requireUser(user).sessionId);
  return { status: 204, body: undefined };
};
