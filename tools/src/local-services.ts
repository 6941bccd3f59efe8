// Loads the API's local stand-ins (embedded PostgreSQL, local S3) from api/src/local: from the
// sources when these tools run from sources (tsx: npm run dev, the tools tests), from the built
// @inkwell/api package when they run from tools/dist (npm start, after turbo's build).
import { runningFromSource } from './paths.js';

export type LocalServicesModule = typeof import('@inkwell/api/local');

/** The api/src/local module, as source or as built package (see above). */
export async function loadLocalServices(): Promise<LocalServicesModule> {
  if (runningFromSource) {
    const source = new URL('../../api/src/local/index.ts', import.meta.url).href;
    return (await import(source)) as LocalServicesModule;
  }
  try {
    return await import('@inkwell/api/local');
  } catch (error) {
    throw new Error('the API build (api/dist/local) is missing: run `npm run build` first', { cause: error });
  }
}
