// Searches are limited per client address; plain lists are not.
import { describe, expect, test } from '@jest/globals';
import { fromAddress, uniqueClientAddress } from '../helpers/client-address.js';
import { useTestApp } from '../helpers/test-app.js';

const app = useTestApp({ env: { RATE_LIMIT_SEARCH: '3/1m' } });

const search = (address: string, q = 'dragons') =>
  app.request.get('/api/v1/articles').query({ q }).set(fromAddress(address));

describe('GET /api/v1/articles?q= rate limit', () => {
  test('When one address searches more often than the limit, then it gets 429 with Retry-After in the error shape', async () => {
    const address = uniqueClientAddress();
    for (let i = 0; i < 3; i += 1) expect((await search(address)).status).toBe(200);

    const res = await search(address);

    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.body).toEqual({ errors: { search: ['too many searches from this address, retry later'] } });
  });

  test('When an address is limited for searching, then its lists without q still answer', async () => {
    const address = uniqueClientAddress();
    for (let i = 0; i < 4; i += 1) await search(address);

    const res = await app.request.get('/api/v1/articles').query({ tag: 'dragons' }).set(fromAddress(address));

    expect(res.status).toBe(200);
  });

  test('When one address is limited, then another address still searches', async () => {
    const busy = uniqueClientAddress();
    for (let i = 0; i < 4; i += 1) await search(busy);

    expect((await search(uniqueClientAddress())).status).toBe(200);
  });
});
