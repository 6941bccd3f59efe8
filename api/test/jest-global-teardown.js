// See jest-global-setup.js; the work itself is in global-teardown.ts.
import { tsImport } from 'tsx/esm/api';

export default async function jestGlobalTeardown() {
  const { default: globalTeardown } = await tsImport('./global-teardown.ts', import.meta.url);
  await globalTeardown();
}
