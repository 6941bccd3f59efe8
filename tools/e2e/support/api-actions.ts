// Content a scenario needs before a reader arrives, made through the API (through nginx, as any
// client would): faster than the editor, and the reading scenarios test reading, not writing.
import assert from 'node:assert/strict';
import type { PngFile } from './images.js';
import type { Person } from './app-actions.js';

export interface ApiArticle {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  coverImage: string | null;
  createdAt: string;
  author: { username: string };
}

/** A signed-up user and calls made as them. */
export interface ApiUser {
  username: string;
  token: string;
  /** Uploads `file`; returns its URL with the size hints the editor appends (`#w=…&h=…`). */
  uploadImage(file: PngFile): Promise<string>;
  publish(article: {
    title: string;
    description: string;
    body: string;
    tagList?: string[];
    coverImage?: string | null;
  }): Promise<ApiArticle>;
  comment(slug: string, body: string): Promise<void>;
}

async function call<T>(url: string, init: RequestInit, status: number): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  assert.equal(response.status, status, `${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Signs `who` up through `${siteUrl}/api/v1`. */
export async function signUpThroughApi(siteUrl: string, who: Person): Promise<ApiUser> {
  const api = `${siteUrl}/api/v1`;
  const json = { 'content-type': 'application/json' };
  const { user } = await call<{ user: { username: string; token: string } }>(
    `${api}/users`,
    { method: 'POST', headers: json, body: JSON.stringify({ user: who }) },
    201,
  );
  const auth = { authorization: `Token ${user.token}` };
  return {
    username: user.username,
    token: user.token,
    async uploadImage(file) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
      const { asset } = await call<{ asset: { url: string; width: number; height: number } }>(
        `${api}/assets`,
        { method: 'POST', headers: auth, body: form },
        201,
      );
      return `${asset.url}#w=${asset.width}&h=${asset.height}`;
    },
    async publish(article) {
      const { article: saved } = await call<{ article: ApiArticle }>(
        `${api}/articles`,
        { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify({ article }) },
        201,
      );
      return saved;
    },
    async comment(slug, body) {
      await call(
        `${api}/articles/${encodeURIComponent(slug)}/comments`,
        { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify({ comment: { body } }) },
        200,
      );
    },
  };
}
