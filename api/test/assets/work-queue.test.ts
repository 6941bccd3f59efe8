import { describe, expect, test } from '@jest/globals';
import { createWorkQueue, QueueFullError } from '../../src/work-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createWorkQueue', () => {
  test('When more jobs arrive than may run, then at most `concurrency` run at once and all finish', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 10 });
    let running = 0;
    let peak = 0;
    const job = async (value: number): Promise<number> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return value * 2;
    };

    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.run(() => job(n))));

    expect(results).toEqual([2, 4, 6, 8, 10, 12]);
    expect(peak).toBe(2);
    expect(queue.running).toBe(0);
  });

  test('When the queue is full, then the next job is refused at once', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 1 });
    const gate = deferred();
    const first = queue.run(() => gate.promise);
    const second = queue.run(() => Promise.resolve('second'));

    await expect(queue.run(() => Promise.resolve('third'))).rejects.toBeInstanceOf(QueueFullError);
    expect(queue.waiting).toBe(1);

    gate.resolve();
    await first;
    await expect(second).resolves.toBe('second');
  });

  test('When a job throws, then its slot is released for the next one', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 5 });

    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(() => Promise.resolve('after'))).resolves.toBe('after');
    expect(queue.running).toBe(0);
  });
});
