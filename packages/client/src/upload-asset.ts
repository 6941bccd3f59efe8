// uploadAsset(): `POST /assets` with the file as multipart form data. The generated types see the
// contract's `format: binary` field as a string, so the body is typed as one and a serializer
// builds the FormData from the Blob (in Node 20+ and browsers alike).
import type { Client, FetchResponse } from 'openapi-fetch';
import type { paths } from './generated/schema.js';

/** Options of `uploadAsset()`. */
export interface UploadAssetOptions {
  /**
   * The file name sent with the file; default the `File`'s own name, or `blob`. The API decides
   * the type by the content, never by the name.
   */
  filename?: string;
  /** Aborts the upload. */
  signal?: AbortSignal;
}

/** What `uploadAsset()` resolves to: openapi-fetch's result of `POST /assets`. */
export type UploadAssetResult = FetchResponse<paths['/assets']['post'], Record<string, never>, `${string}/${string}`>;

/**
 * Uploads an image (JPEG, PNG, WebP, AVIF or GIF) and resolves to openapi-fetch's result; its
 * `data.asset.url` goes into an article's `coverImage`, a user's `image` or a Markdown body:
 *
 *     const { asset } = await unwrap(uploadAsset(client, await openAsBlob('cover.jpg')));
 *
 * In a browser, pass the `File` of an `<input type="file">`. Uploads are never retried.
 */
export function uploadAsset(
  client: Pick<Client<paths>, 'POST'>,
  file: Blob,
  options: UploadAssetOptions = {},
): Promise<UploadAssetResult> {
  const { filename, signal } = options;
  return client.POST('/assets', {
    body: { file: file as unknown as string },
    bodySerializer(body) {
      const form = new FormData();
      const blob = body.file as unknown as Blob;
      if (filename === undefined) form.append('file', blob);
      else form.append('file', blob, filename);
      return form;
    },
    signal,
  });
}
