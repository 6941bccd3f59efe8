// Mock network controls: slow answers and failing servers, to try loading and error states
// in mock mode and in tests. They apply to every /api/v1 request the mock handlers answer.
//
// In the browser (mock mode), either in the address bar …
//   ?mock-latency=1500             every API answer waits 1500 ms
//   ?mock-errors=0.3               30 % of API requests fail (1 = all of them)
//   ?mock-error-status=500         … with 500 `{"errors":{"server":[…]}}` instead of the default 503
//   ?mock-error-status=429         … with the API's 429 and Retry-After, on the operations the API
//                                  rate-limits (sign-up, sign-in, searches, writes, uploads) only
//   ?mock-error-on=POST%20/articles   only requests whose "METHOD /path" starts like this fail
//   ?mock-reset                    back to no latency, no errors and the seed data
// … the values are kept in localStorage ("inkwell:mock-controls") so they survive navigation;
// or from the developer console:
//   inkwellMock.controls.set({ latencyMs: 800, errorRate: 1, errorStatus: 500 })
//   inkwellMock.controls.get()     inkwellMock.controls.reset()
//   inkwellMock.db.reset()         back to the seed data
// In the browser the mock data itself (sign-ups, articles, comments, small uploads) is kept in
// localStorage too ("inkwell:mock-db"), so a reload does not sign anyone out.
//
// In tests, set them directly and restore them afterwards:
//   mockControls.set({ errorRate: 1, errorOn: 'POST /articles' });
//   afterEach(() => mockControls.reset());
import { mockDb } from './db';
import { mockAssetOrigin } from './images';
import type { MockDbSnapshot } from './records';
import type { MockDatabase } from './store';

export interface MockControlSettings {
  /** Milliseconds every API answer waits (0–60000). */
  latencyMs: number;
  /** The share of API requests that fail, from 0 (none) to 1 (all). */
  errorRate: number;
  /**
   * The status failing requests get, each in the contract's error shape. 429 fails only the
   * requests the API rate-limits (rate-limits.ts); the others are answered as usual.
   */
  errorStatus: 429 | 500 | 503;
  /** When set, only requests whose "METHOD /path" (path below /api/v1) starts with it fail. */
  errorOn: string | null;
}

const DEFAULTS: MockControlSettings = { latencyMs: 0, errorRate: 0, errorStatus: 503, errorOn: null };
const STORAGE_KEY = 'inkwell:mock-controls';

let settings: MockControlSettings = { ...DEFAULTS };

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Fills in and bounds a partial set of settings; unknown or malformed values keep the current ones. */
function normalise(
  patch: Partial<Record<keyof MockControlSettings, unknown>>,
  base: MockControlSettings,
): MockControlSettings {
  const status = Number(patch.errorStatus ?? base.errorStatus);
  const errorOn = patch.errorOn === undefined ? base.errorOn : patch.errorOn;
  return {
    latencyMs: Math.round(clamp(patch.latencyMs ?? base.latencyMs, 0, 60_000, base.latencyMs)),
    errorRate: clamp(patch.errorRate ?? base.errorRate, 0, 1, base.errorRate),
    errorStatus: status === 500 || status === 429 ? status : 503,
    errorOn: typeof errorOn === 'string' && errorOn.trim() ? errorOn.trim() : null,
  };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be blocked by the browser's privacy settings
  }
}

function save(): void {
  const store = storage();
  if (!store) return;
  const isDefault = (Object.keys(DEFAULTS) as (keyof MockControlSettings)[]).every((k) => settings[k] === DEFAULTS[k]);
  if (isDefault) store.removeItem(STORAGE_KEY);
  else store.setItem(STORAGE_KEY, JSON.stringify(settings));
}

/** Settings from localStorage, then from the address bar's `mock-*` parameters. */
function load(): void {
  settings = { ...DEFAULTS };
  const store = storage();
  try {
    const saved: unknown = JSON.parse(store?.getItem(STORAGE_KEY) ?? 'null');
    if (saved && typeof saved === 'object') settings = normalise(saved, DEFAULTS);
  } catch {
    store?.removeItem(STORAGE_KEY);
  }
  const search = typeof location === 'undefined' ? '' : location.search;
  const params = new URLSearchParams(search);
  if (params.has('mock-reset')) {
    settings = { ...DEFAULTS };
    save();
    mockDb.reset();
    return;
  }
  const fromUrl = {
    latencyMs: params.get('mock-latency') ?? undefined,
    errorRate: params.get('mock-errors') ?? undefined,
    errorStatus: params.get('mock-error-status') ?? undefined,
    errorOn: params.get('mock-error-on') ?? undefined,
  };
  if (Object.values(fromUrl).some((v) => v !== undefined)) {
    settings = normalise(fromUrl, settings);
    save();
  }
}

export const mockControls = {
  get(): Readonly<MockControlSettings> {
    return { ...settings };
  },
  /** Changes some settings; in the browser they are remembered across reloads. */
  set(patch: Partial<MockControlSettings>): Readonly<MockControlSettings> {
    settings = normalise(patch, settings);
    save();
    return mockControls.get();
  },
  /** Reads the settings again from localStorage and the address bar (done once at start). */
  load,
  /** No latency, no errors. */
  reset(): void {
    settings = { ...DEFAULTS };
    save();
  },
  /** Whether this request should fail now (random, at `errorRate`). */
  shouldFail(method: string, apiPath: string): boolean {
    if (settings.errorRate <= 0) return false;
    if (settings.errorOn && !`${method.toUpperCase()} ${apiPath}`.startsWith(settings.errorOn)) return false;
    return settings.errorRate >= 1 || Math.random() < settings.errorRate;
  },
};

const DB_KEY = 'inkwell:mock-db';
/** Uploads beyond this many bytes in total are not kept: localStorage holds a few MB at most. */
const MAX_KEPT_UPLOAD_BYTES = 1_500_000;

interface SavedDb {
  origin: string;
  snapshot: MockDbSnapshot;
}

/**
 * Keeps the store's data in `store` across page reloads: restores what was saved for this
 * origin (image URLs carry it), then saves after every change. Returns the function that stops it.
 */
export function persistMockDb(store: Storage, db: MockDatabase = mockDb): () => void {
  try {
    const saved = JSON.parse(store.getItem(DB_KEY) ?? 'null') as SavedDb | null;
    if (saved?.origin === mockAssetOrigin() && saved.snapshot?.version === 2) db.restore(saved.snapshot);
  } catch {
    store.removeItem(DB_KEY);
  }
  const write = (maxAssetBytes: number): void => {
    const saved: SavedDb = { origin: mockAssetOrigin(), snapshot: db.snapshot({ maxAssetBytes }) };
    store.setItem(DB_KEY, JSON.stringify(saved));
  };
  let scheduled = false;
  const save = (): void => {
    scheduled = false;
    try {
      write(MAX_KEPT_UPLOAD_BYTES);
    } catch {
      try {
        write(0); // over the quota: keep the data without the uploads
      } catch {
        store.removeItem(DB_KEY);
      }
    }
  };
  // One save per burst of changes (a reset inserts the whole seed).
  return db.onChange(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(save);
  });
}

// Only a real browser (mock mode) keeps data; jsdom has no service workers, and tests want a fresh store.
const browserStorage = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? storage() : null;
if (browserStorage) persistMockDb(browserStorage);

load();

if (typeof window !== 'undefined') {
  // The console handle described at the top of this file.
  Object.assign(window, { inkwellMock: { controls: mockControls, db: mockDb } });
}
