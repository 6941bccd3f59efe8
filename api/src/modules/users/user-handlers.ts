// HTTP bindings for sign-up, sign-in and the signed-in user.
import type { HandlerDeps } from '../../deps.js';
import type { OperationHandler } from '../../http/operation.js';
import { requireUser } from '../../tokens.js';
import { toUserDto } from './user-mapper.js';
import type { UserRow } from './user-repository.js';
import * as userService from './user-service.js';

async function present(deps: HandlerDeps, user: UserRow) {
  return { user: toUserDto(user, await deps.tokens.issue(user.id), deps.config.defaultAvatarUrl) };
}

export const loginUser: OperationHandler<'loginUser'> = async ({ body, deps }) => {
  const user = await userService.login(deps.db, body.user.email, body.user.password);
  return { status: 200, body: await present(deps, user) };
};

export const createUser: OperationHandler<'createUser'> = async ({ body, deps }) => {
  const user = await userService.register(deps.db, body.user);
  return { status: 201, body: await present(deps, user) };
};

export const getCurrentUser: OperationHandler<'getCurrentUser'> = async ({ user, deps }) => {
  const current = await userService.getCurrent(deps.db, requireUser(user).id);
  return { status: 200, body: await present(deps, current) };
};

export const updateCurrentUser: OperationHandler<'updateCurrentUser'> = async ({ body, user, deps }) => {
  const updated = await userService.updateCurrent(deps.db, requireUser(user).id, body.user);
  return { status: 200, body: await present(deps, updated) };
};
