// The shape of a seed data set, decided before anything is written: who the users are, who
// writes how much, who follows whom, and for each article its author, tags, date, popularity,
// favorites and comments. Rows come out in batches of column arrays, ready for `unnest`.
//
// Distributions: authors and followed authors are Zipf-distributed over the writers (a few
// prolific, most occasional); tags Zipf over the tag list; article popularity is Pareto
// (most articles get a few favorites and comments, a few get many).
import { type RandomSource, normaliseTags, slugify, withSuffix } from '@inkwell/rules';
import { Random, Zipf } from './random.js';
import * as text from './text.js';
import { TAGS } from './vocabulary.js';

/** Seeded accounts use this e-mail domain (reserved for examples), which is how they are found again. */
export const SEED_EMAIL_DOMAIN = 'seed.inkwell.example';

const DAY_MS = 86_400_000;
/** Articles are spread over this many days before the run. */
const HISTORY_DAYS = 730;
/** Share of users who write at all (the rest read, follow, favorite and comment). */
const WRITER_SHARE = 0.4;
/** Articles with 0, 1, 2 … 5 tags. */
const TAG_COUNT_WEIGHTS = [5, 15, 25, 30, 15, 10];
/** How many authors the first user (the one to sign in as) follows: their feed is never empty. */
export const FIRST_USER_FOLLOWS = 20;
const MAX_COMMENTS_PER_ARTICLE = 150;
const MAX_FAVORITES_PER_ARTICLE = 1_000;

export interface SeedSize {
  users: number;
  articles: number;
}

/** The default number of users for a number of articles: about one per five articles, at least 12. */
export function defaultUserCount(articles: number): number {
  return Math.max(12, Math.round(articles / 5));
}

export interface UserRows {
  usernames: string[];
  emails: string[];
  bios: string[];
  createdAt: string[];
}

export interface ArticleBatch {
  /** Index of the first article of the batch in the whole set. */
  first: number;
  articles: {
    index: number[];
    slug: string[];
    title: string[];
    description: string[];
    body: string[];
    /** Space-separated, in the API's order (tags contain no spaces). */
    tags: string[];
    authorIndex: number[];
    favoritesCount: number[];
    createdAt: string[];
    updatedAt: string[];
  };
  favorites: { userIndex: number[]; articleIndex: number[]; createdAt: string[] };
  comments: { articleIndex: number[]; authorIndex: number[]; body: string[]; createdAt: string[] };
}

/** A deterministic data set of the given size, as of `now`. */
export class SeedPlan {
  readonly size: SeedSize;
  private readonly random: Random;
  private readonly end: number;
  private readonly start: number;
  /** writer rank → user index; rank 0 writes most. */
  private readonly writers: number[];
  private readonly authorZipf: Zipf;
  private readonly tagZipf = new Zipf(TAGS.length, 1.0);
  private readonly usedSlugs = new Set<string>();

  constructor(size: SeedSize, seed: number, now: Date = new Date()) {
    if (!Number.isInteger(size.articles) || size.articles < 0) throw new Error('articles must be a whole number ≥ 0');
    if (!Number.isInteger(size.users) || size.users < 2) throw new Error('users must be a whole number ≥ 2');
    this.size = size;
    this.random = new Random(seed);
    this.end = Math.floor(now.getTime() / 60_000) * 60_000 - 60 * 60_000;
    this.start = this.end - HISTORY_DAYS * DAY_MS;

    // Writers: user 0 (the account to sign in as) is the sixth most prolific; the others are a
    // shuffled share of the remaining users.
    const order = this.random
      .fork('writers')
      .distinct(size.users - 1, size.users - 1)
      .map((i) => i + 1);
    const writerCount = Math.max(Math.min(size.users, 12), Math.round(size.users * WRITER_SHARE));
    const writers = order.slice(0, writerCount - 1);
    writers.splice(Math.min(5, writers.length), 0, 0);
    this.writers = writers;
    this.authorZipf = new Zipf(writers.length, 0.6);
  }

  /** Users, with unique usernames that avoid `taken` (lower-cased names already in the database). */
  users(taken: ReadonlySet<string> = new Set()): UserRows {
    const random = this.random.fork('users');
    const rows: UserRows = { usernames: [], emails: [], bios: [], createdAt: [] };
    const seen = new Set(taken);
    const joinedFrom = this.start - 90 * DAY_MS;
    for (let i = 0; i < this.size.users; i += 1) {
      const base = text.username(random).slice(0, 34);
      let name = base;
      for (let n = 2; seen.has(name.toLowerCase()); n += 1) name = `${base}${n}`;
      seen.add(name.toLowerCase());
      rows.usernames.push(name);
      rows.emails.push(`${name.toLowerCase()}@${SEED_EMAIL_DOMAIN}`);
      rows.bios.push(text.bio(random));
      rows.createdAt.push(new Date(joinedFrom + Math.floor((i / this.size.users) * 90 * DAY_MS)).toISOString());
    }
    return rows;
  }

  /** Follow pairs as user indices: most users follow a handful of (mostly popular) writers. */
  follows(): { followerIndex: number[]; followeeIndex: number[] } {
    const random = this.random.fork('follows');
    const followerIndex: number[] = [];
    const followeeIndex: number[] = [];
    for (let user = 0; user < this.size.users; user += 1) {
      const wanted = user === 0 ? FIRST_USER_FOLLOWS : Math.floor(Math.exp(1.2 + random.normal()));
      const count = Math.min(wanted, this.size.users - 1, 200);
      const chosen = new Set<number>();
      for (let tries = 0; chosen.size < count && tries < count * 20; tries += 1) {
        // Mostly writers, by popularity; now and then anyone (friends, colleagues).
        const followee = random.chance(0.85)
          ? this.writers[this.authorZipf.sample(random)]!
          : random.int(0, this.size.users - 1);
        if (followee !== user) chosen.add(followee);
      }
      for (const followee of chosen) {
        followerIndex.push(user);
        followeeIndex.push(followee);
      }
    }
    return { followerIndex, followeeIndex };
  }

  /** Which users get an avatar (about two in five, the first user always). */
  avatarUsers(): number[] {
    const random = this.random.fork('avatars');
    const chosen: number[] = [];
    for (let user = 0; user < this.size.users; user += 1) if (user === 0 || random.chance(0.4)) chosen.push(user);
    return chosen;
  }

  /** Which articles get a cover image (about one in three). */
  coverArticles(): number[] {
    const random = this.random.fork('covers');
    const chosen: number[] = [];
    for (let article = 0; article < this.size.articles; article += 1) if (random.chance(0.35)) chosen.push(article);
    return chosen;
  }

  /** The articles in chronological order, `batchSize` at a time, with their favorites and comments. */
  *articleBatches(batchSize: number): Generator<ArticleBatch> {
    const random = this.random.fork('articles');
    const span = this.end - this.start;
    const total = this.size.articles;
    for (let first = 0; first < total; first += batchSize) {
      const batch: ArticleBatch = {
        first,
        articles: {
          index: [],
          slug: [],
          title: [],
          description: [],
          body: [],
          tags: [],
          authorIndex: [],
          favoritesCount: [],
          createdAt: [],
          updatedAt: [],
        },
        favorites: { userIndex: [], articleIndex: [], createdAt: [] },
        comments: { articleIndex: [], authorIndex: [], body: [], createdAt: [] },
      };
      for (let index = first; index < Math.min(first + batchSize, total); index += 1) {
        this.addArticle(random, batch, index, this.start + Math.floor(((index + random.float()) / total) * span));
      }
      yield batch;
    }
  }

  private addArticle(random: Random, batch: ArticleBatch, index: number, created: number): void {
    const tags = normaliseTags(
      this.tagZipf.sampleDistinct(random, random.weighted(TAG_COUNT_WEIGHTS)).map((rank) => TAGS[rank]!),
    );
    const title = text.title(random, tags);
    const source = bytesFrom(random);
    let slug = withSuffix(slugify(title), source);
    while (this.usedSlugs.has(slug)) slug = withSuffix(slugify(title), source);
    this.usedSlugs.add(slug);

    const popularity = random.pareto(1.6);
    const favoriteCount = Math.min(Math.round(popularity * 1.8), this.size.users, MAX_FAVORITES_PER_ARTICLE);
    const commentCount = Math.min(Math.round(popularity * 1.2), MAX_COMMENTS_PER_ARTICLE);
    const later = (): string => new Date(created + Math.floor(random.float() * (this.end - created))).toISOString();

    const a = batch.articles;
    a.index.push(index);
    a.slug.push(slug);
    a.title.push(title);
    a.description.push(text.description(random, tags));
    a.body.push(text.markdownBody(random, tags));
    a.tags.push(tags.join(' '));
    a.authorIndex.push(this.writers[this.authorZipf.sample(random)]!);
    a.favoritesCount.push(favoriteCount);
    const createdAt = new Date(created).toISOString();
    a.createdAt.push(createdAt);
    a.updatedAt.push(random.chance(0.15) ? later() : createdAt);

    for (const user of random.distinct(this.size.users, favoriteCount)) {
      batch.favorites.userIndex.push(user);
      batch.favorites.articleIndex.push(index);
      batch.favorites.createdAt.push(later());
    }
    const commentTimes: string[] = [];
    for (let i = 0; i < commentCount; i += 1) commentTimes.push(later());
    commentTimes.sort();
    for (const createdAtComment of commentTimes) {
      batch.comments.articleIndex.push(index);
      batch.comments.authorIndex.push(random.int(0, this.size.users - 1));
      batch.comments.body.push(text.comment(random, tags));
      batch.comments.createdAt.push(createdAtComment);
    }
  }
}

/** Random bytes from the seeded generator instead of crypto, so the same seed gives the same slugs. */
function bytesFrom(random: Random): RandomSource {
  return {
    getRandomValues(array) {
      for (let i = 0; i < array.length; i += 1) array[i] = random.int(0, 255);
      return array;
    },
  };
}
