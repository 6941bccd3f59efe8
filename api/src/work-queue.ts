// A counting semaphore with a bounded queue: at most `concurrency` jobs run at once, at most
// `maxQueued` wait, and the rest are refused at once instead of piling up in memory.

/** Thrown by WorkQueue.run when the queue is full. */
export class QueueFullError extends Error {
  constructor() {
    super('too many jobs waiting');
    this.name = 'QueueFullError';
  }
}

export interface WorkQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createWorkQueue(options: { concurrency: number; maxQueued: number }): WorkQueue {
  const { concurrency, maxQueued } = options;
  let running = 0;
  const waiting: Array<() => void> = [];

  const acquire = async (): Promise<void> => {
    if (running < concurrency) {
      running += 1;
      return;
    }
    if (waiting.length >= maxQueued) throw new QueueFullError();
    // The releasing job hands its slot straight over, so `running` stays as it is.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    async run(job) {
      await acquire();
      try {
        return await job();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
