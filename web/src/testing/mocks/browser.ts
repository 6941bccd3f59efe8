import { setupWorker } from 'msw/browser';

import { handlers } from './handlers/index.js';

/** The mock API of `npm run dev:mock`: the same handlers the tests use, in a service worker. */
export const worker = setupWorker(...handlers);
