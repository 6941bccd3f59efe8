// After the load: is every acknowledged write still there? Articles are read back, comments found
// in their article's list, each favorite pair's final state read as its user, each uploaded image
// fetched from the object store. Bounded: a few requests at a time, each with a timeout and a few
// attempts (a check that gets no clear answer counts as missing, with the reason).
import { setTimeout as sleep } from 'node:timers/promises';
import { assertLoopback } from '../fuzz/http.js';
import { API_BASE } from './client.js';
import type { AckedComment, Ledger } from './ledger.js';

export type WriteKind = 'article' | 'comment' | 'favorite' | 'asset';

export interface MissingWrite {
  kind: WriteKind;
  /** The write, e.g. the slug, `slug#42`, `alice ♥ slug`. */
  what: string;
  ackedAt: number;
  /** What the check found instead. */
  found: string;
}

export interface Verification {
  checked: Record<WriteKind, number>;
  missing: MissingWrite[];
  /** Favorite pairs not checked: a request after the last acknowledged one failed. */
  unknownFavorites: number;
}

const CONCURRENCY = 6;
const ATTEMPTS = 3;
const TIMEOUT_MS = 10_000;
const COMMENT_PAGE = 100;
const MAX_COMMENT_PAGES = 50;

/** Checks every acknowledged write in `ledger` through the site (and the store for images). */
export async function verifyLedger(ledger: Ledger, siteOrigin: string): Promise<Verification> {
  const missing: MissingWrite[] = [];
  const checks: Array<() => Promise<void>> = [];
  const api = `${siteOrigin}${API_BASE}`;

  for (const article of ledger.articles) {
    checks.push(async () => {
      const { status } = await getJson(`${api}/articles/${encodeURIComponent(article.slug)}`);
      if (status !== 200)
        missing.push({ kind: 'article', what: article.slug, ackedAt: article.ackedAt, found: `${status}` });
    });
  }

  const commentsBySlug = new Map<string, AckedComment[]>();
  for (const comment of ledger.comments) {
    const list = commentsBySlug.get(comment.slug);
    if (list) list.push(comment);
    else commentsBySlug.set(comment.slug, [comment]);
  }
  for (const [slug, comments] of commentsBySlug) {
    checks.push(async () => {
      const found = await commentIds(api, slug, new Set(comments.map((comment) => comment.id)));
      for (const comment of comments) {
        if (found.ids.has(comment.id)) continue;
        missing.push({ kind: 'comment', what: `${slug}#${comment.id}`, ackedAt: comment.ackedAt, found: found.note });
      }
    });
  }

  const favorites = ledger.favorites();
  for (const favorite of favorites) {
    checks.push(async () => {
      const { status, body } = await getJson(`${api}/articles/${encodeURIComponent(favorite.slug)}`, favorite.token);
      const favorited = (body as { article?: { favorited?: unknown } } | undefined)?.article?.favorited;
      if (status === 200 && favorited === favorite.favorited) return;
      missing.push({
        kind: 'favorite',
        what: `${favorite.username} ${favorite.favorited ? '♥' : '♡'} ${favorite.slug}`,
        ackedAt: favorite.ackedAt,
        found: status === 200 ? `favorited: ${String(favorited)}` : `${status}`,
      });
    });
  }

  for (const asset of ledger.assets) {
    checks.push(async () => {
      const { status } = await getJson(loopbackUrl(asset.url));
      if (status !== 200) missing.push({ kind: 'asset', what: asset.url, ackedAt: asset.ackedAt, found: `${status}` });
    });
  }

  await runBounded(checks, CONCURRENCY);
  return {
    checked: {
      article: ledger.articles.length,
      comment: ledger.comments.length,
      favorite: favorites.length,
      asset: ledger.assets.length,
    },
    missing,
    unknownFavorites: ledger.unknownFavorites(),
  };
}

/** The ids among `wanted` found in the article's comments, page by page until all are found. */
async function commentIds(api: string, slug: string, wanted: Set<number>): Promise<{ ids: Set<number>; note: string }> {
  const ids = new Set<number>();
  for (let page = 0; page < MAX_COMMENT_PAGES; page += 1) {
    const url = `${api}/articles/${encodeURIComponent(slug)}/comments?limit=${COMMENT_PAGE}&offset=${page * COMMENT_PAGE}`;
    const { status, body } = await getJson(url);
    if (status !== 200) return { ids, note: `the list answered ${status}` };
    const comments = (body as { comments?: Array<{ id?: unknown }> } | undefined)?.comments ?? [];
    for (const comment of comments) if (typeof comment.id === 'number' && wanted.has(comment.id)) ids.add(comment.id);
    if (ids.size === wanted.size || comments.length < COMMENT_PAGE) return { ids, note: 'not in the list' };
  }
  return { ids, note: `not in the first ${MAX_COMMENT_PAGES * COMMENT_PAGE} comments` };
}

/** GET with a few attempts while the answer is no answer or 5xx; status 0 when none came. */
async function getJson(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  let status = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      const response = await fetch(url, {
        headers: token ? { authorization: `Token ${token}` } : {},
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      const text = await response.text();
      if (status < 500) return { status, body: parseJson(text) };
    } catch {
      status = 0;
    }
    await sleep(500);
  }
  return { status, body: undefined };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An image URL as published (`localhost`), aimed at 127.0.0.1 where the store listens; loopback only. */
function loopbackUrl(url: string): string {
  const parsed = assertLoopback(url);
  if (parsed.hostname === 'localhost') parsed.hostname = '127.0.0.1';
  return parsed.toString();
}

async function runBounded(tasks: Array<() => Promise<void>>, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
