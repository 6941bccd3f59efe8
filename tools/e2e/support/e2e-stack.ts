// One whole Inkwell per test file, as production runs it: nginx in front of two API replicas and
// two web renderers, a fresh embedded PostgreSQL and local S3 in a temporary data dir, on free
// ports, with the built API, web app and renderer (src/throwaway-stack.ts). Every output line is
// kept, by source, so tests can read the replicas' logs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ThrowawayStack, startThrowawayStack } from '../../src/throwaway-stack.js';

export interface E2eStack extends ThrowawayStack {
  /** Base URL of uploaded images (the local S3 bucket), as the API publishes them. */
  readonly assetBaseUrl: string;
  /** nginx's access log, one entry per line. */
  readAccessLog(): Promise<string[]>;
}

/** Starts the stack; `name` only labels the temporary directory. */
export async function startE2eStack(name: string): Promise<E2eStack> {
  const stack = await startThrowawayStack({
    name: `e2e-${name}`,
    // `test` switches on the API's response validation: a response the contract does not allow
    // becomes a 500 here, and the browser steps fail on it.
    env: { NODE_ENV: 'test', LOG_LEVEL: 'info' },
    replicas: 2,
    nginx: true,
    renderer: true,
  });
  const assetBaseUrl = stack.apiEnv.ASSET_PUBLIC_BASE_URL;
  if (!assetBaseUrl) {
    await stack.stop();
    throw new Error('the stack published no ASSET_PUBLIC_BASE_URL');
  }
  return {
    ...stack,
    assetBaseUrl,
    async readAccessLog() {
      const text = await readFile(path.join(stack.dataDir, 'nginx', 'logs', 'access.log'), 'utf8');
      return text.split('\n').filter((line) => line !== '');
    },
  };
}
