import { setupServer } from 'msw/node';

import { handlers } from './handlers/index.js';

/** The mock API of the tests: the same handlers as mock mode, in Node. */
export const server = setupServer(...handlers);
