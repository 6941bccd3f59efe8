// A stand-in for a browser's XMLHttpRequest that a test drives by hand: it keeps what was sent,
// and the test dispatches the upload's progress and the answer one step at a time.

export class ScriptedXhr extends EventTarget {
  /** Every request sent since the last `install()`, oldest first. */
  static sent: ScriptedXhr[] = [];

  readonly upload = new EventTarget();
  readonly headers = new Headers();
  method = '';
  url = '';
  body: unknown = null;
  aborted = false;
  status = 0;
  statusText = '';
  responseText = '';
  private responseHeaders = '';

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }

  send(body: unknown): void {
    this.body = body;
    ScriptedXhr.sent.push(this);
  }

  abort(): void {
    this.aborted = true;
    this.dispatchEvent(new Event('abort'));
  }

  getAllResponseHeaders(): string {
    return this.responseHeaders;
  }

  /** The browser's `upload` progress event: `loaded` of `total` bytes sent. */
  progress(loaded: number, total: number): void {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { lengthComputable: true, loaded, total }));
  }

  /** The whole answer arrived. */
  answer(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = Object.entries({ 'content-type': 'application/json', ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    this.dispatchEvent(new Event('load'));
  }

  /** The connection failed. */
  fail(): void {
    this.dispatchEvent(new Event('error'));
  }

  /** Makes it the global XMLHttpRequest; the returned function puts the previous one back. */
  static install(): () => void {
    const previous = Object.getOwnPropertyDescriptor(globalThis, 'XMLHttpRequest');
    ScriptedXhr.sent = [];
    Object.defineProperty(globalThis, 'XMLHttpRequest', { value: ScriptedXhr, configurable: true, writable: true });
    return () => {
      if (previous) Object.defineProperty(globalThis, 'XMLHttpRequest', previous);
      else Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
    };
  }

  /** The request sent next (the body is read before it goes, so it comes a moment later). */
  static async next(): Promise<ScriptedXhr> {
    const count = ScriptedXhr.sent.length;
    for (let i = 0; i < 100 && ScriptedXhr.sent.length === count; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const xhr = ScriptedXhr.sent[count];
    if (!xhr) throw new Error('nothing was sent');
    return xhr;
  }
}
