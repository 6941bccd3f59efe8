import '@testing-library/jest-dom/jest-globals';

import { File as NodeFile } from 'node:buffer';

import { afterEach } from '@jest/globals';

import { setSession } from '@/lib/session';

// jest-fixed-jsdom swaps in Node's Blob, FormData and fetch but keeps jsdom's File, which Node's
// FormData cannot read. Browsers have one File; so do the tests.
globalThis.File = NodeFile as unknown as typeof File;

afterEach(() => {
  setSession(null);
  localStorage.clear();
});
