// Jest loads global setup outside its ESM module system, where our TypeScript sources cannot be
// imported; tsx compiles them on the fly instead. The work itself is in global-setup.ts.
import { tsImport } from 'tsx/esm/api';

export default async function jestGlobalSetup() {
  const { default: globalSetup } = await tsImport('./global-setup.ts', import.meta.url);
  await globalSetup();
}
