// Where things live, found from this file's location so the tools work from any cwd,
// compiled (tools/dist/…) or run from source (tools/src/…).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor whose package.json declares the workspaces. */
export function findRepoRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { workspaces } = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (Array.isArray(workspaces)) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no workspace root above ${from}`);
  }
}

/** The usual places inside a checkout. */
export function repoPaths(root: string = findRepoRoot()) {
  return {
    root,
    dataDir: path.join(root, '.data'),
    nginxSource: path.join(root, 'nginx'),
    webDist: path.join(root, 'web', 'dist'),
    webEntry: path.join(root, 'web', 'dist-server', 'server.js'),
    apiDir: path.join(root, 'api'),
    apiEntry: path.join(root, 'api', 'dist', 'main.js'),
    migrateCli: path.join(root, 'api', 'dist', 'db', 'migrate-cli.js'),
    seedScript: path.join(root, 'tools', 'dist', 'seed.js'),
  };
}

/** True when this code runs from TypeScript sources (tsx) rather than from tools/dist. */
export const runningFromSource = import.meta.url.endsWith('.ts');
