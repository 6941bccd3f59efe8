// The same package seen from a browser project: DOM types only, no Node types. pack.test.ts
// type-checks this file (it never runs): the package's declarations must not need Node.
import { createInkwellClient, paginate, unwrap, uploadAsset } from '@inkwell/client';
import type { InkwellClient } from '@inkwell/client';

export const client: InkwellClient = createInkwellClient({ baseUrl: '/api/v1', token: localStorage.getItem('jwt') });

/** A client that reads the token from storage at every call. */
export const sessionClient: InkwellClient = createInkwellClient({
  baseUrl: '/api/v1',
  token: () => localStorage.getItem('jwt'),
});

/** Uploads the file chosen in an `<input type="file">`, shows its progress, and returns its URL. */
export async function uploadChosenFile(input: HTMLInputElement, bar: HTMLProgressElement): Promise<string | undefined> {
  const file = input.files?.[0];
  if (!file) return undefined;
  const { asset } = await unwrap(
    uploadAsset(client, file, {
      onProgress: ({ loaded, total }) => {
        bar.value = loaded / total;
      },
    }),
  );
  return asset.url;
}

/** The titles of the first `count` articles with a tag. */
export async function titles(tag: string, count: number): Promise<string[]> {
  const found: string[] = [];
  for await (const article of paginate(client, '/articles', { query: { tag } })) {
    found.push(article.title);
    if (found.length === count) break;
  }
  return found;
}
