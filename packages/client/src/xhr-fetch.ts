// A `fetch` that sends one request through XMLHttpRequest, for uploads that report their
// progress: `fetch()` cannot (request streams only say what was queued, and most browsers lack
// them), while `xhr.upload` reports the bytes actually sent. Browsers only: Node.js has no
// XMLHttpRequest.

/** How far an upload has got: the bytes of the request sent so far, of `total`. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Whether this runtime can report upload progress (a browser, or a test's stand-in). */
export function canReportProgress(): boolean {
  return typeof globalThis.XMLHttpRequest === 'function';
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function aborted(): DOMException {
  return new DOMException('The upload was cancelled', 'AbortError');
}

/** Answers that carry no body: a `Response` refuses one for them. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Sends `request` with XMLHttpRequest and calls `onProgress` as its body goes out. Rejects as
 * `fetch` does: a `TypeError` for a network failure, an `AbortError` when its signal aborts.
 */
export function xhrFetch(onProgress: (progress: UploadProgress) => void): (request: Request) => Promise<Response> {
  return async (request) => {
    // The body as the Request encoded it (for a form, its boundary is in the Content-Type header).
    const body = await request.blob();
    const { signal } = request;
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) {
        reject(aborted());
        return;
      }
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
      });
      const stopOnAbort = (): void => xhr.abort();
      const settle = (): void => signal.removeEventListener('abort', stopOnAbort);
      xhr.addEventListener('load', () => {
        settle();
        resolve(
          new Response(NULL_BODY_STATUSES.has(xhr.status) ? null : xhr.responseText, {
            status: xhr.status,
            statusText: xhr.statusText,
            headers: parseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      });
      xhr.addEventListener('error', () => {
        settle();
        reject(new TypeError('The upload failed: network error'));
      });
      xhr.addEventListener('abort', () => {
        settle();
        reject(aborted());
      });
      signal.addEventListener('abort', stopOnAbort, { once: true });
      xhr.send(body);
    });
  };
}
