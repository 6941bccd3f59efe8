// Development secrets, generated on first use and kept in <dataDir>/secrets.json (mode 0600), so
// tokens survive restarts and every local process (API replicas, the dev API) signs with the same
// key. The runners pass them to the API in its environment; the API itself never reads this file.
// Nothing secret is ever committed; production sets JWT_SECRET itself.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The secrets, under the names of the environment variables that carry them to the API. */
export interface DevelopmentSecrets {
  JWT_SECRET: string;
}

/** The API refuses a shorter JWT_SECRET. */
const MIN_SECRET_BYTES = 32;

/** Reads `<dataDir>/secrets.json`, creating it (or the missing keys) with fresh random values. */
export async function loadOrCreateSecrets(dataDir: string): Promise<DevelopmentSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const stored = await readSecrets(file);
  if (stored && isUsable(stored.JWT_SECRET)) {
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return { JWT_SECRET: stored.JWT_SECRET };
  }

  const secrets: DevelopmentSecrets = { ...stored, JWT_SECRET: randomBytes(48).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  // Written aside, then put in place, so nobody reads a half-written file. A new file is linked:
  // link() fails when another process created it first, and then both use that one's secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  try {
    await chmod(draft, 0o600); // whatever the umask
    if (stored) {
      await rename(draft, file);
    } else {
      try {
        await link(draft, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return await loadOrCreateSecrets(dataDir);
      }
    }
  } finally {
    await rm(draft, { force: true });
  }
  return { JWT_SECRET: secrets.JWT_SECRET };
}

/** The stored secrets; undefined when there is no file yet. */
async function readSecrets(file: string): Promise<Partial<DevelopmentSecrets> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file} is unreadable`, { cause: error });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Partial<DevelopmentSecrets>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON; delete it to generate new secrets`, { cause: error });
  }
}

function isUsable(secret: unknown): secret is string {
  return typeof secret === 'string' && Buffer.byteLength(secret) >= MIN_SECRET_BYTES;
}
