// uploadAsset(): `POST /assets` with the file as multipart form data. The generated types see the
// contract's `format: binary` field as a string, so the body is typed as one and a serializer
// builds the FormData from the Blob (in Node 20+ and browsers alike). With `onProgress`, a browser
// sends it through XMLHttpRequest, the one way to see the bytes go out.
import type { Client, FetchResponse } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import { canReportProgress, xhrFetch, type UploadProgress } from './xhr-fetch.js';

/** Options of `uploadAsset()`. */
export interface UploadAssetOptions {
  /**
   * The file name sent with the file; default the `File`'s own name, or `blob`. The API decides
   * the type by the content, never by the name.
   */
  filename?: string;
  /** Aborts the upload. */
  signal?: AbortSignal;
  /**
   * Called as the upload's bytes go out, with the bytes sent and the whole (the multipart body). In
   * a browser the upload then goes through XMLHttpRequest instead of the client's `fetch` (its
   * middleware, token and request id still apply). Where there is no XMLHttpRequest (Node.js), it
   * is called once, with the file's size for both, when the API has accepted the file.
   */
  onProgress?: (progress: UploadProgress) => void;
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
export async function uploadAsset(
  client: Pick<Client<paths>, 'POST'>,
  file: Blob,
  options: UploadAssetOptions = {},
): Promise<UploadAssetResult> {
  const { filename, signal, onProgress } = options;
  const withProgress = onProgress !== undefined && canReportProgress();
  const result = await client.POST('/assets', {
    body: { file: file as unknown as string },
    bodySerializer(body) {
      const form = new FormData();
      const blob = body.file as unknown as Blob;
      if (filename === undefined) form.append('file', blob);
      else form.append('file', blob, filename);
      return form;
    },
    signal,
    ...(withProgress ? { fetch: xhrFetch(onProgress) } : {}),
  });
  // Without XMLHttpRequest nothing reports the bytes as they go: say at least that all of them went.
  if (onProgress !== undefined && !withProgress && result.response.ok) {
    onProgress({ loaded: file.size, total: file.size });
  }
  return result;
}
