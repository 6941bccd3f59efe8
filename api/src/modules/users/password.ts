// Password hashing: argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), off the event loop.
import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id: a const enum, which isolated modules cannot read, hence its value.
const ARGON2ID = 2 as Algorithm.Argon2id;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | undefined;

/** Hashes a password for storage (PHC string with its own salt and parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against a stored hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * Spends the time of one verification when there is no user to check against, so a sign-in
 * with an unknown email takes as long as one with a wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('no user has this password');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Computes the dummy hash ahead of the first failed sign-in, so that one is not slower. */
export function warmUpPasswordHashing(): void {
  void verifyAgainstNothing('');
}
