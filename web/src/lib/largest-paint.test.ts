import { afterAll, afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';

import { LARGEST_PAINT_WAIT_MS, afterLargestPaint } from './largest-paint';

type Callback = (list: { getEntries: () => unknown[] }) => void;

/** The browser's Largest Contentful Paint reports, played by the test. */
class FakeObserver {
  static supportedEntryTypes = ['largest-contentful-paint'];
  static current: FakeObserver | undefined;
  disconnected = false;

  constructor(private readonly callback: Callback) {
    FakeObserver.current = this;
  }

  observe(): void {}

  disconnect(): void {
    this.disconnected = true;
  }

  /** The browser reports that `element` was painted as the largest so far. */
  report(element: Element): void {
    this.callback({ getEntries: () => [{ element }] });
  }
}

const { PerformanceObserver: realObserver } = window;
let readyState: DocumentReadyState;
let settled: boolean;

function start(): void {
  settled = false;
  void afterLargestPaint(document).then(() => {
    settled = true;
  });
}

async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  jest.useFakeTimers();
  readyState = 'interactive';
  jest.spyOn(document, 'readyState', 'get').mockImplementation(() => readyState);
  document.body.innerHTML = `
    <h1>The lamp room</h1>
    <img src="/lamp.webp" fetchpriority="high" />
    <img src="/other.webp" loading="lazy" />`;
  FakeObserver.current = undefined;
  Object.defineProperty(window, 'PerformanceObserver', { value: FakeObserver, configurable: true, writable: true });
});
afterEach(() => {
  jest.useRealTimers();
  document.body.innerHTML = '';
});
afterAll(() => {
  Object.defineProperty(window, 'PerformanceObserver', { value: realObserver, configurable: true, writable: true });
});

function load(): void {
  readyState = 'complete';
  window.dispatchEvent(new Event('load'));
}

const hero = () => document.querySelector('img[fetchpriority="high"]')!;
const heading = () => document.querySelector('h1')!;

describe('afterLargestPaint', () => {
  test('When the page loads before its first paint, then it waits for the hero image to be painted', async () => {
    start();
    load();
    await flush(50);
    expect(settled).toBe(false);

    FakeObserver.current!.report(hero());
    await flush();

    expect(settled).toBe(true);
    expect(FakeObserver.current!.disconnected).toBe(true);
  });

  test('When the text is painted first and the hero after load, then it waits for the hero', async () => {
    start();
    FakeObserver.current!.report(heading());
    load();
    await flush(50);
    expect(settled).toBe(false);

    FakeObserver.current!.report(hero());
    await flush();

    expect(settled).toBe(true);
  });

  test('When the hero is painted before the page has loaded, then it waits for load', async () => {
    start();
    FakeObserver.current!.report(hero());
    await flush(50);
    expect(settled).toBe(false);

    load();
    await flush();

    expect(settled).toBe(true);
  });

  test('When the page has no hero image, then its first reported paint is enough', async () => {
    hero().remove();
    start();
    load();
    await flush(50);
    expect(settled).toBe(false);

    FakeObserver.current!.report(heading());
    await flush();

    expect(settled).toBe(true);
  });

  test('When the browser never reports the hero, then it goes on a little after load', async () => {
    start();
    load();
    await flush(LARGEST_PAINT_WAIT_MS - 1);
    expect(settled).toBe(false);

    // The wait, then the next task.
    await flush(2);

    expect(settled).toBe(true);
  });

  test('When the browser reports no paints at all, then one frame after load has to do', async () => {
    Object.defineProperty(window, 'PerformanceObserver', { value: undefined, configurable: true, writable: true });
    readyState = 'complete';
    start();
    expect(settled).toBe(false);

    await flush(50);

    expect(settled).toBe(true);
  });
});
