import { describe, expect, test } from '@jest/globals';
import { createUploadRateLimiter } from '../../src/modules/assets/upload-rate-limit.js';

describe('createUploadRateLimiter', () => {
  test('When a user exceeds the uploads of a window, then further uploads are limited until it ends', async () => {
    let now = 1_000_000;
    const limiter = createUploadRateLimiter({ max: 2, windowSeconds: 60 }, () => now);

    const first = await limiter.hit(1);
    const second = await limiter.hit(1);
    now += 15_000;
    const third = await limiter.hit(1);
    const otherUser = await limiter.hit(2);
    now += 45_000;
    const nextWindow = await limiter.hit(1);

    expect([first.limited, second.limited, third.limited]).toEqual([false, false, true]);
    expect(third.retryAfterSeconds).toBe(45);
    expect(otherUser.limited).toBe(false);
    expect(nextWindow.limited).toBe(false);
  });
});
