// Every request the chaos load sends, with its outcome, kept in order of sending; and the requests
// still waiting for their answer, so a fault can count what was in flight at the instant it hit.
// Times are performance.now() milliseconds, the clock the faults use too.

/** What a request does: an API read, an API write, a public page, or an image upload. */
export type RequestKind = 'read' | 'write' | 'page' | 'upload';

export interface Exchange {
  /** The operation, e.g. `getArticle`, `articlePage`. */
  op: string;
  kind: RequestKind;
  method: string;
  /** Path and query on the site (never a token). */
  path: string;
  started: number;
  ended: number;
  /** 0 when no answer came (network error, timeout). */
  status: number;
  contentType: string;
  /** The body parsed as JSON with an `errors` object (the contract's error shape). */
  errorShaped: boolean;
  retryAfter: string | null;
  /** A page that came from the renderer (nginx's X-Cache-Status), not the app's fallback; false for the rest. */
  rendered: boolean;
  /** Why it counts as failed (`status 502`, `timeout after 10000 ms`, …); null when it succeeded. */
  failure: string | null;
  /** The start of a failed answer's body, for the report. */
  excerpt: string | null;
}

/** A request sent and not answered yet. */
interface Pending {
  kind: RequestKind;
  started: number;
}

export class Recorder {
  readonly exchanges: Exchange[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** Marks a request as sent; pass the returned id to finish(). */
  begin(kind: RequestKind, started: number): number {
    const id = this.nextId++;
    this.pending.set(id, { kind, started });
    return id;
  }

  finish(id: number, exchange: Exchange): void {
    this.pending.delete(id);
    this.exchanges.push(exchange);
  }

  /** Requests of these kinds sent and not yet answered, right now. */
  inFlight(kinds: readonly RequestKind[]): number {
    let count = 0;
    for (const request of this.pending.values()) if (kinds.includes(request.kind)) count += 1;
    return count;
  }

  /** When the oldest unanswered request was sent; undefined when none is. */
  oldestPending(): number | undefined {
    let oldest: number | undefined;
    for (const request of this.pending.values()) {
      if (oldest === undefined || request.started < oldest) oldest = request.started;
    }
    return oldest;
  }

  /** The answered requests sent in [from, to). */
  sentBetween(from: number, to: number): Exchange[] {
    return this.exchanges.filter((exchange) => exchange.started >= from && exchange.started < to);
  }

  /** The answered requests on the way at some moment of [from, to): sent before `to`, answered after `from`. */
  overlapping(from: number, to: number): Exchange[] {
    return this.exchanges.filter((exchange) => exchange.started < to && exchange.ended > from);
  }
}
