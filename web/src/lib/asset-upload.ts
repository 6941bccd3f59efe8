import type { components } from '@inkwell/openapi';

import { api, unwrap } from './api-client';

export type Asset = components['schemas']['AssetResponse']['asset'];

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** What `POST /assets` accepts (the API decides by content; this only saves a pointless upload). */
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A `fetch` for openapi-fetch that sends through XMLHttpRequest. `fetch()` reports no upload
 * progress (request streams only say what was queued, and most browsers lack them), while
 * `xhr.upload` reports the bytes actually sent. Going through openapi-fetch keeps the call typed
 * from the contract and runs the same auth middleware as every other request.
 */
function xhrFetch({ onProgress, signal }: UploadOptions) {
  return async (request: Request): Promise<Response> => {
    // The multipart body as the Request encoded it; its boundary is in the Content-Type header.
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
      });
      xhr.addEventListener('load', () => {
        resolve(
          new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            statusText: xhr.statusText,
            headers: parseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      });
      xhr.addEventListener('error', () => reject(new TypeError('The upload failed: network error')));
      xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled', 'AbortError')));
      if (signal?.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  };
}

/** Uploads one image (`POST /assets`) and reports progress as its bytes go out. */
export async function uploadAsset(file: File, options: UploadOptions = {}): Promise<Asset> {
  const result = await api.POST('/assets', {
    // openapi-typescript types `format: binary` as string; the wire format is multipart.
    body: { file: file as unknown as string },
    bodySerializer(body) {
      const form = new FormData();
      form.append('file', body.file as unknown as Blob);
      return form;
    },
    fetch: xhrFetch(options),
  });
  return unwrap(result).asset;
}
