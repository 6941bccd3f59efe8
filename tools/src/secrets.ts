// Development secrets, generated on first run and kept in .data/secrets.json (mode 0600) so
// tokens survive restarts. Nothing secret is ever committed; production sets JWT_SECRET itself.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DevelopmentSecrets {
  JWT_SECRET: string;
}

/** Reads `<dataDir>/secrets.json`, creating it (or the missing keys) with fresh random values. */
export async function loadOrCreateSecrets(dataDir: string): Promise<DevelopmentSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<DevelopmentSecrets> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<DevelopmentSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`${file} is unreadable; delete it to generate new secrets`, { cause: error });
    }
  }
  if (typeof stored.JWT_SECRET === 'string' && stored.JWT_SECRET.length >= 32) {
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return { JWT_SECRET: stored.JWT_SECRET };
  }
  const secrets: DevelopmentSecrets = { ...stored, JWT_SECRET: randomBytes(48).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // `mode` applies only when the file is created
  return secrets;
}
