// SQL for users. Usernames and emails match regardless of case (lower() unique indexes).
import { type Queryable, query, queryOne, sql } from '../../db/pool.js';

/** A user as the API shows it to its owner. */
export interface UserRow {
  id: number;
  username: string;
  email: string;
  bio: string;
  /** null = the default avatar. */
  image: string | null;
}

export interface UserWithHashRow extends UserRow {
  passwordHash: string;
}

const COLUMNS = 'id, username, email, bio, image';

const FIND_BY_ID = sql('users.find-by-id', `select ${COLUMNS} from users where id = $1`);
const FIND_BY_EMAIL = sql(
  'users.find-by-email',
  `select ${COLUMNS}, password_hash as "passwordHash" from users where lower(email) = lower($1)`,
);
const FIND_TAKEN = sql(
  'users.find-taken',
  `select coalesce(bool_or(lower(username) = lower($1)), false) as "usernameTaken",
          coalesce(bool_or(lower(email) = lower($2)), false) as "emailTaken"
     from users
    where (lower(username) = lower($1) or lower(email) = lower($2)) and id is distinct from $3`,
);
const INSERT = sql(
  'users.insert',
  `insert into users (username, email, password_hash) values ($1, $2, $3) returning ${COLUMNS}`,
);
// Each optional field: null = keep. bio/image: $5/$7 say whether to set them, since null is a value.
const UPDATE = sql(
  'users.update',
  `update users
      set username = coalesce($2, username),
          email = coalesce($3, email),
          password_hash = coalesce($4, password_hash),
          bio = case when $5::boolean then coalesce($6, '') else bio end,
          image = case when $7::boolean then nullif($8, '') else image end,
          updated_at = now()
    where id = $1
   returning ${COLUMNS}`,
);

export async function findUserById(db: Queryable, id: number): Promise<UserRow | null> {
  return queryOne<UserRow>(db, FIND_BY_ID, [id]);
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserWithHashRow | null> {
  return queryOne<UserWithHashRow>(db, FIND_BY_EMAIL, [email]);
}

/** Which of username and email belong to someone other than `exceptId`. */
export async function findTaken(
  db: Queryable,
  username: string | null,
  email: string | null,
  exceptId: number | null,
): Promise<{ usernameTaken: boolean; emailTaken: boolean }> {
  const rows = await query<{ usernameTaken: boolean; emailTaken: boolean }>(db, FIND_TAKEN, [
    username,
    email,
    exceptId,
  ]);
  return rows[0] ?? { usernameTaken: false, emailTaken: false };
}

export async function insertUser(
  db: Queryable,
  user: { username: string; email: string; passwordHash: string },
): Promise<UserRow> {
  const row = await queryOne<UserRow>(db, INSERT, [user.username, user.email, user.passwordHash]);
  return row!;
}

export interface UserChanges {
  username?: string | undefined;
  email?: string | undefined;
  passwordHash?: string | undefined;
  /** undefined = keep; null or '' = clear. */
  bio?: string | null | undefined;
  image?: string | null | undefined;
}

export async function updateUser(db: Queryable, id: number, changes: UserChanges): Promise<UserRow | null> {
  return queryOne<UserRow>(db, UPDATE, [
    id,
    changes.username ?? null,
    changes.email ?? null,
    changes.passwordHash ?? null,
    changes.bio !== undefined,
    changes.bio ?? null,
    changes.image !== undefined,
    changes.image ?? null,
  ]);
}
