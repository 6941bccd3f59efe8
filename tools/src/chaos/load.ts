// The steady mixed load: a fixed number of workers in this process, each sending one request at a
// time at a fixed pace, drawn from a weighted mix of anonymous reads, signed-in reads, public
// pages, writes and uploads. Each worker owns its accounts, so the requests on one user's
// favorites never overlap. A write the accounts' budgets cannot afford right now becomes a read
// (counted as deferred). Acknowledged writes go into the ledger.
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import type { Account, Budgeted } from './accounts.js';
import { API_BASE, type Answer, type SiteClient } from './client.js';
import type { Ledger } from './ledger.js';

interface Operation {
  weight: number;
  /** A write or an upload: limited per account. */
  writes?: true;
  /** What it sends; false when it cannot run now (nothing to read yet, no budget left). */
  run(worker: Worker): Promise<boolean>;
}

const TAGS = ['chaos', 'resilience', 'replicas', 'postgres', 'storage'];

/** The shares of the mix; writes and uploads together are about a third of the requests. */
const MIX: Operation[] = [
  { weight: 10, run: (w) => w.read('listArticles', `${API_BASE}/articles?limit=10&offset=${w.int(0, 20)}`) },
  { weight: 10, run: (w) => w.withArticle((slug) => w.read('getArticle', `${API_BASE}/articles/${slug}`)) },
  {
    weight: 6,
    run: (w) => w.withArticle((slug) => w.read('listComments', `${API_BASE}/articles/${slug}/comments?limit=20`)),
  },
  { weight: 4, run: (w) => w.read('listTags', `${API_BASE}/tags`) },
  { weight: 5, run: (w) => w.read('getProfile', `${API_BASE}/profiles/${w.someUsername()}`) },
  { weight: 5, run: (w) => w.signedInRead('getFeed', `${API_BASE}/articles/feed?limit=10`) },
  {
    weight: 5,
    run: (w) => w.withArticle((slug) => w.signedInRead('getArticleSignedIn', `${API_BASE}/articles/${slug}`)),
  },
  { weight: 3, run: (w) => w.signedInRead('getCurrentUser', `${API_BASE}/user`) },
  { weight: 5, run: (w) => w.page('homePage', '/') },
  { weight: 8, run: (w) => w.withArticle((slug) => w.page('articlePage', `/article/${slug}`)) },
  { weight: 4, run: (w) => w.page('profilePage', `/profile/${w.someUsername()}`) },
  { weight: 5, writes: true, run: (w) => w.createArticle() },
  { weight: 10, writes: true, run: (w) => w.createComment() },
  { weight: 10, writes: true, run: (w) => w.toggleFavorite() },
  { weight: 4, writes: true, run: (w) => w.upload() },
];
const TOTAL_WEIGHT = MIX.reduce((sum, operation) => sum + operation.weight, 0);
/** The share of writes and uploads in the mix. */
export const WRITE_SHARE =
  MIX.filter((operation) => operation.writes).reduce((sum, operation) => sum + operation.weight, 0) / TOTAL_WEIGHT;

export interface LoadContext {
  client: SiteClient;
  ledger: Ledger;
  /** Every account's name, for profile reads. */
  usernames: readonly string[];
  runId: string;
}

/** One worker: its accounts, and the requests it knows how to send. */
export class Worker {
  private published = 0;

  constructor(
    private readonly context: LoadContext,
    readonly index: number,
    private readonly accounts: readonly Account[],
  ) {}

  int(min: number, max: number): number {
    return min + Math.floor(Math.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(Math.random() * items.length)];
  }

  someUsername(): string {
    return encodeURIComponent(this.pick(this.context.usernames) ?? '');
  }

  /** Runs `send` with an acknowledged article's slug; false when there is none yet. */
  async withArticle(send: (slug: string) => Promise<boolean>): Promise<boolean> {
    const article = this.pick(this.context.ledger.articles);
    return article ? send(encodeURIComponent(article.slug)) : false;
  }

  async read(op: string, path: string): Promise<boolean> {
    await this.send({ op, kind: 'read', method: 'GET', path });
    return true;
  }

  async signedInRead(op: string, path: string): Promise<boolean> {
    const account = this.pick(this.accounts);
    if (!account) return false;
    await this.send({ op, kind: 'read', method: 'GET', path, token: account.token });
    return true;
  }

  async page(op: string, path: string): Promise<boolean> {
    await this.send({ op, kind: 'page', method: 'GET', path });
    return true;
  }

  async createArticle(): Promise<boolean> {
    const author = this.afford('writes');
    if (!author) return false;
    this.published += 1;
    const title = `Chaos ${this.context.runId} ${this.index}-${this.published}`;
    const article = {
      title,
      description: `Written by worker ${this.index} while things break`,
      body: `# ${title}\n\nA steady paragraph, written during a fault or between two of them.`,
      tagList: [this.pick(TAGS)!],
    };
    const answer = await this.send({
      op: 'createArticle',
      kind: 'write',
      method: 'POST',
      path: `${API_BASE}/articles`,
      token: author.token,
      json: { article },
    });
    const slug = (answer.body as { article?: { slug?: unknown } } | undefined)?.article?.slug;
    if (acked(answer) && typeof slug === 'string') {
      this.context.ledger.addArticle({ slug, ackedAt: answer.exchange.ended });
    }
    return true;
  }

  async createComment(): Promise<boolean> {
    const article = this.pick(this.context.ledger.articles);
    if (!article) return false;
    const author = this.afford('writes');
    if (!author) return false;
    const answer = await this.send({
      op: 'createComment',
      kind: 'write',
      method: 'POST',
      path: `${API_BASE}/articles/${encodeURIComponent(article.slug)}/comments`,
      token: author.token,
      json: { comment: { body: `A comment from worker ${this.index}` } },
    });
    const id = (answer.body as { comment?: { id?: unknown } } | undefined)?.comment?.id;
    if (acked(answer) && typeof id === 'number') {
      this.context.ledger.addComment({ slug: article.slug, id, ackedAt: answer.exchange.ended });
    }
    return true;
  }

  async toggleFavorite(): Promise<boolean> {
    const article = this.pick(this.context.ledger.articles);
    if (!article) return false;
    const account = this.afford('writes');
    if (!account) return false;
    const pair = { username: account.username, token: account.token, slug: article.slug };
    const favorite = this.context.ledger.favorited(account.username, article.slug) !== true;
    const answer = await this.send({
      op: favorite ? 'favoriteArticle' : 'unfavoriteArticle',
      kind: 'write',
      method: favorite ? 'POST' : 'DELETE',
      path: `${API_BASE}/articles/${encodeURIComponent(article.slug)}/favorite`,
      token: account.token,
    });
    this.context.ledger.recordFavorite(pair, favorite, { acked: acked(answer), at: answer.exchange.ended });
    return true;
  }

  async upload(): Promise<boolean> {
    const owner = this.afford('uploads');
    if (!owner) return false;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await distinctPng())], { type: 'image/png' }), 'chaos.png');
    const answer = await this.send({
      op: 'createAsset',
      kind: 'upload',
      method: 'POST',
      path: `${API_BASE}/assets`,
      token: owner.token,
      form,
    });
    const url = (answer.body as { asset?: { url?: unknown } } | undefined)?.asset?.url;
    if (acked(answer) && typeof url === 'string') {
      this.context.ledger.addAsset({ url, ackedAt: answer.exchange.ended });
    }
    return true;
  }

  /** An account of this worker with room for one more request of this sort (counted), if any. */
  private afford(budget: Budgeted): Account | undefined {
    const now = performance.now();
    const start = this.int(0, this.accounts.length - 1);
    for (let i = 0; i < this.accounts.length; i += 1) {
      const account = this.accounts[(start + i) % this.accounts.length]!;
      if (account.take(budget, now)) return account;
    }
    return undefined;
  }

  private send(call: Parameters<SiteClient['send']>[0]): Promise<Answer> {
    return this.context.client.send(call);
  }
}

function acked(answer: Answer): boolean {
  return answer.exchange.failure === null;
}

/** A small PNG of a random colour: each upload stores objects of its own (keys are content hashes). */
function distinctPng(): Promise<Buffer> {
  const channel = (): number => Math.floor(Math.random() * 256);
  return sharp({
    create: { width: 48, height: 32, channels: 3, background: { r: channel(), g: channel(), b: channel() } },
  })
    .png()
    .toBuffer();
}

/** Runs the workers until stop() (or `deadline`), each bounded in count too. */
export class Load {
  /** Writes and uploads the accounts' budgets turned into reads. */
  deferred = 0;
  private stopping = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly workers: readonly Worker[],
    /** Requests per second each worker sends at most. */
    private readonly ratePerWorker: number,
  ) {}

  start(deadline: number): void {
    const interval = 1000 / this.ratePerWorker;
    const maxRequests = Math.ceil(((deadline - performance.now()) / interval) * 1.1);
    this.running = this.workers.map(async (worker) => {
      for (let sent = 0; sent < maxRequests && !this.stopping && performance.now() < deadline; sent += 1) {
        const began = performance.now();
        await this.one(worker);
        const rest = began + interval - performance.now();
        if (rest > 0) await sleep(rest);
      }
    });
  }

  /** Lets every worker finish the request it is sending, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private async one(worker: Worker): Promise<void> {
    let roll = Math.random() * TOTAL_WEIGHT;
    const operation = MIX.find((candidate) => (roll -= candidate.weight) < 0) ?? MIX[0]!;
    if (await operation.run(worker)) return;
    if (operation.writes) this.deferred += 1;
    await worker.read('listArticles', `${API_BASE}/articles?limit=10`);
  }
}
