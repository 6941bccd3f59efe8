// Accounts: sign-up, sign-in, the signed-in user's own data. No HTTP here.
import type pg from 'pg';
import { pgCode, pgConstraint } from '../../db/errors.js';
import { withTransaction } from '../../db/tx.js';
import { type ErrorMap, unauthorized, unprocessable } from '../../errors.js';
import type { AuthUser, TokenService } from '../../tokens.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password.js';
import {
  type UserChanges,
  type UserRow,
  findTaken,
  findUserByEmail,
  findUserById,
  insertUser,
  updateUser,
} from './user-repository.js';

const TAKEN = 'has already been taken';

export interface NewUser {
  username: string;
  email: string;
  password: string;
}

export interface UserPatch {
  username?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
  bio?: string | null | undefined;
  image?: string | null | undefined;
}

/** Creates an account; 422 naming each of username and email that someone already has. */
export async function register(db: pg.Pool, input: NewUser): Promise<UserRow> {
  await assertAvailable(db, input.username, input.email, null);
  const passwordHash = await hashPassword(input.password);
  try {
    return await insertUser(db, { username: input.username, email: input.email.trim(), passwordHash });
  } catch (error) {
    throw takenError(error) ?? error;
  }
}

/** The user with these credentials; one and the same 401 whichever of the two is wrong. */
export async function login(db: pg.Pool, email: string, password: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email.trim());
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) throw unauthorized('credentials', 'email or password is invalid');
  const { passwordHash: _hash, ...row } = user;
  return row;
}

/** The signed-in user; a token for a user who no longer exists is a 401. */
export async function getCurrent(db: pg.Pool, id: number): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw unauthorized();
  return user;
}

/** The signed-in user after a change, and the token the caller goes on with. */
export interface UpdatedUser {
  user: UserRow;
  token: string;
}

/**
 * Changes the signed-in user's fields; their own current username or email may be sent again.
 * A new password ends every session of the user, the caller's too, and starts a new one for the
 * caller: whoever held an old token (a thief included) is signed out.
 */
export async function updateCurrent(
  db: pg.Pool,
  tokens: TokenService,
  caller: AuthUser,
  patch: UserPatch,
): Promise<UpdatedUser> {
  const { id } = caller;
  await assertAvailable(db, patch.username ?? null, patch.email ?? null, id);
  const changes: UserChanges = {
    username: patch.username,
    email: patch.email?.trim(),
    // An empty password keeps the current one, as other Conduit back ends do (their settings
    // forms send the field even when it was left empty).
    passwordHash:
      patch.password === undefined || patch.password === '' ? undefined : await hashPassword(patch.password),
    bio: patch.bio,
    image: patch.image,
  };
  try {
    if (changes.passwordHash === undefined) {
      const user = await updateUser(db, id, changes);
      if (!user) throw unauthorized();
      return { user, token: caller.token };
    }
    // One transaction: the password never changes while the old sessions live on.
    const { user, issued, revoked } = await withTransaction(db, async (tx) => {
      const user = await updateUser(tx, id, changes);
      if (!user) throw unauthorized();
      const issued = await tokens.issue(tx, id);
      return { user, issued, revoked: await tokens.revokeOthers(tx, id, issued.sessionId) };
    });
    tokens.forget(revoked);
    return { user, token: issued.token };
  } catch (error) {
    throw takenError(error) ?? error;
  }
}

async function assertAvailable(
  db: pg.Pool,
  username: string | null,
  email: string | null,
  exceptId: number | null,
): Promise<void> {
  if (username === null && email === null) return;
  const taken = await findTaken(db, username, email?.trim() ?? null, exceptId);
  const errors: ErrorMap = {};
  if (taken.emailTaken) errors.email = [TAKEN];
  if (taken.usernameTaken) errors.username = [TAKEN];
  if (Object.keys(errors).length > 0) throw unprocessable(errors);
}

/** A unique violation from a concurrent sign-up that won the race, as a 422. */
function takenError(error: unknown) {
  if (pgCode(error) !== '23505') return null;
  const constraint = pgConstraint(error);
  if (constraint === 'users_email_lower_key') return unprocessable({ email: [TAKEN] });
  if (constraint === 'users_username_lower_key') return unprocessable({ username: [TAKEN] });
  return null;
}
