// Users straight into the database (hashing once per worker), each signed in: a session and its token.
import { hashPassword } from '../../src/modules/users/password.js';
import { insertUser, updateUser } from '../../src/modules/users/user-repository.js';
import type { TestApp } from '../helpers/test-app.js';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: number;
  username: string;
  email: string;
  password: string;
  bio: string;
  image: string | null;
  token: string;
}

let sequence = 0;
let defaultHash: Promise<string> | undefined;

/** A name no other test in this run uses. */
export function uniqueName(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}${process.pid}x${Date.now().toString(36)}x${sequence}`;
}

export const userFactory = {
  async create(
    app: TestApp,
    overrides: { username?: string; email?: string; password?: string; bio?: string; image?: string | null } = {},
  ): Promise<TestUser> {
    const username = overrides.username ?? uniqueName();
    const email = overrides.email ?? `${username.toLowerCase()}@example.com`;
    const password = overrides.password ?? DEFAULT_PASSWORD;
    const passwordHash =
      overrides.password === undefined
        ? await (defaultHash ??= hashPassword(DEFAULT_PASSWORD))
        : await hashPassword(password);
    let row = await insertUser(app.db, { username, email, passwordHash });
    if (overrides.bio !== undefined || overrides.image !== undefined) {
      row = (await updateUser(app.db, row.id, { bio: overrides.bio, image: overrides.image }))!;
    }
    const { token } = await app.tokens.issue(app.db, row.id);
    return { ...row, password, token };
  },
};
