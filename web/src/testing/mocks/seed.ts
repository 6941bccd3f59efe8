// The data mock mode starts with: six writers (one without a bio or picture), thirty articles
// with Markdown bodies (headings, lists, code, quotes, an inline figure), most with a cover,
// comments, follows and favorites. Everything is deterministic: the same seed every time, with
// fixed timestamps, so screenshots and tests do not shift.
//
// Every seeded user signs in with their email and the password `inkwell-demo`
// (e.g. ada@inkwell.test); their tokens are fixed too: `mock-token-<username>`.
import { avatarUrl, coverUrl, figureUrl } from './images';
import type { ArticleRecord, UserRecord } from './records';
import type { MockDatabase } from './store';

interface SeedWriter {
  username: string;
  bio: string;
  avatar: boolean;
}

const WRITERS: SeedWriter[] = [
  { username: 'ada', bio: 'Writes about engines, analytical and otherwise.', avatar: true },
  { username: 'grace', bio: 'Compilers, debugging, and the occasional moth.', avatar: true },
  { username: 'tomasz_k', bio: 'Walks, trains and long exposures across the Baltic coast.', avatar: true },
  { username: 'mira-chen', bio: 'Cooks slowly, designs quickly, writes about both.', avatar: true },
  { username: 'olu', bio: 'Keeps databases fast and backups boring.', avatar: true },
  { username: 'sam', bio: '', avatar: false },
];

/** Who follows whom, by username. */
const FOLLOWS: [string, string][] = [
  ['ada', 'grace'],
  ['ada', 'olu'],
  ['grace', 'ada'],
  ['tomasz_k', 'mira-chen'],
  ['olu', 'ada'],
  ['sam', 'ada'],
  ['sam', 'grace'],
  ['sam', 'mira-chen'],
];

interface SeedArticle {
  author: string;
  title: string;
  description: string;
  tags: string[];
  /** Name of the generated cover, or null for an article without one. */
  cover: string | null;
  /** A topic word used in the body's headings and figure. */
  topic: string;
}

const ARTICLES: SeedArticle[] = [
  {
    author: 'ada',
    title: 'How to train your dragon',
    description: 'Ever wonder how?',
    tags: ['training', 'dragons'],
    cover: 'dragon',
    topic: 'dragon',
  },
  {
    author: 'grace',
    title: 'Reading a stack trace without panic',
    description: 'Start at the bottom, end at the cause.',
    tags: ['debugging', 'javascript'],
    cover: 'stacktrace',
    topic: 'stack trace',
  },
  {
    author: 'olu',
    title: 'Indexes that match your queries',
    description: 'Why the planner ignores the index you built, and how to fix it.',
    tags: ['postgres', 'performance'],
    cover: 'btree',
    topic: 'index',
  },
  {
    author: 'mira-chen',
    title: 'A week of one-pot dinners',
    description: 'Seven evenings, one pot, almost no washing up.',
    tags: ['cooking', 'weeknight'],
    cover: 'onepot',
    topic: 'pot',
  },
  {
    author: 'tomasz_k',
    title: 'Night trains along the Baltic',
    description: 'Tallinn to Gdańsk without a single flight.',
    tags: ['travel', 'trains'],
    cover: 'baltic',
    topic: 'train',
  },
  {
    author: 'ada',
    title: 'Notes on the Analytical Engine',
    description: 'What a machine that weaves algebra could do.',
    tags: ['computing', 'history'],
    cover: null,
    topic: 'engine',
  },
  {
    author: 'sam',
    title: 'My first month of writing in public',
    description: 'Small posts, regular habits, fewer drafts.',
    tags: ['writing'],
    cover: 'notebook',
    topic: 'writing',
  },
  {
    author: 'grace',
    title: 'Type narrowing in TypeScript, by example',
    description: 'typeof, in, discriminants and assertion functions.',
    tags: ['typescript', 'javascript'],
    cover: 'narrowing',
    topic: 'type',
  },
  {
    author: 'olu',
    title: 'Backups you have actually restored',
    description: 'A backup you never restored is a hope, not a backup.',
    tags: ['postgres', 'operations'],
    cover: 'vault',
    topic: 'backup',
  },
  {
    author: 'mira-chen',
    title: 'Designing with a four-point grid',
    description: 'Spacing that survives handoff to code.',
    tags: ['design', 'css'],
    cover: 'grid',
    topic: 'grid',
  },
  {
    author: 'tomasz_k',
    title: 'Long exposures at the seaside',
    description: 'ND filters, tripods and patience on a windy pier.',
    tags: ['photography', 'travel'],
    cover: 'pier',
    topic: 'exposure',
  },
  {
    author: 'ada',
    title: 'Bernoulli numbers, step by step',
    description: 'The first published program, reread today.',
    tags: ['computing', 'history', 'mathematics'],
    cover: 'bernoulli',
    topic: 'number',
  },
  {
    author: 'grace',
    title: 'Why your React effect runs twice',
    description: 'Strict mode, cleanups and what it tells you.',
    tags: ['react', 'javascript'],
    cover: 'effects',
    topic: 'effect',
  },
  {
    author: 'olu',
    title: 'Connection pools, explained with a kitchen',
    description: 'Cooks, burners and why more is not always faster.',
    tags: ['postgres', 'performance'],
    cover: null,
    topic: 'pool',
  },
  {
    author: 'mira-chen',
    title: 'Sourdough for the impatient',
    description: 'A forgiving loaf on a weekday schedule.',
    tags: ['cooking', 'baking'],
    cover: 'sourdough',
    topic: 'dough',
  },
  {
    author: 'sam',
    title: 'Keeping a reading log',
    description: 'Three lines per book, read back every December.',
    tags: ['writing', 'books'],
    cover: null,
    topic: 'log',
  },
  {
    author: 'tomasz_k',
    title: 'Packing light for a rail pass',
    description: 'Eleven countries, one bag under seven kilos.',
    tags: ['travel', 'trains'],
    cover: 'railpass',
    topic: 'bag',
  },
  {
    author: 'grace',
    title: 'Property-based tests find the bugs you did not imagine',
    description: 'Generate inputs, state invariants, shrink failures.',
    tags: ['testing', 'typescript'],
    cover: 'dice',
    topic: 'property',
  },
  {
    author: 'ada',
    title: 'Dragons of the old maps',
    description: 'Here be dragons, and other cartographic warnings.',
    tags: ['dragons', 'history'],
    cover: 'oldmap',
    topic: 'map',
  },
  {
    author: 'olu',
    title: 'Reading EXPLAIN ANALYZE output',
    description: 'Rows, loops and where the time really goes.',
    tags: ['postgres', 'debugging'],
    cover: 'explain',
    topic: 'plan',
  },
  {
    author: 'mira-chen',
    title: 'Colour palettes from a single photograph',
    description: 'Pick five, test contrast, name them.',
    tags: ['design', 'photography'],
    cover: 'palette',
    topic: 'colour',
  },
  {
    author: 'tomasz_k',
    title: 'Winter light in Riga',
    description: 'Four hours of daylight and what to do with them.',
    tags: ['photography', 'travel'],
    cover: 'riga',
    topic: 'light',
  },
  {
    author: 'sam',
    title: 'Learning to cook rice properly',
    description: 'Rinse, measure, rest. Then stop lifting the lid.',
    tags: ['cooking'],
    cover: 'rice',
    topic: 'rice',
  },
  {
    author: 'grace',
    title: 'Accessible forms without a framework',
    description: 'Labels, errors and focus, done by hand.',
    tags: ['accessibility', 'css', 'javascript'],
    cover: null,
    topic: 'form',
  },
  {
    author: 'ada',
    title: 'Punched cards and the looms of Lyon',
    description: 'Where programmable machines learned to weave.',
    tags: ['computing', 'history'],
    cover: 'loom',
    topic: 'card',
  },
  {
    author: 'olu',
    title: 'Full-text search in PostgreSQL',
    description: 'tsvector, ranking and a GIN index that pays for itself.',
    tags: ['postgres', 'search'],
    cover: 'search',
    topic: 'search',
  },
  {
    author: 'mira-chen',
    title: 'Five knife skills worth a weekend',
    description: 'Claw grip, rocking cut, and a sharp blade.',
    tags: ['cooking'],
    cover: 'knives',
    topic: 'knife',
  },
  {
    author: 'tomasz_k',
    title: 'Training for a long-distance hike',
    description: 'Twelve weeks from sofa to sixty kilometres.',
    tags: ['training', 'travel'],
    cover: 'trail',
    topic: 'hike',
  },
  {
    author: 'grace',
    title: 'Error messages people can act on',
    description: 'Say what happened, why, and what to do next.',
    tags: ['writing', 'design'],
    cover: 'messages',
    topic: 'message',
  },
  {
    author: 'sam',
    title: 'A slow introduction to the command line',
    description: 'Folders, pipes and the courage to press Enter.',
    tags: ['computing', 'beginners'],
    cover: 'terminal',
    topic: 'shell',
  },
];

const COMMENTS = [
  'Thank you so much! This cleared up something I have been stuck on for weeks.',
  'I tried this last night and it worked on the first attempt.',
  'Could you write a follow-up on the mistakes you made along the way?',
  'The diagram helped more than the whole chapter I read before.',
  'Bookmarked. The part about measuring first is what I needed to hear.',
  'I disagree a little with the second point, but the rest is spot on.',
  'Printed this out and pinned it above my desk.',
];

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A Markdown body with the structures the article page must render. */
function articleBody(article: SeedArticle, index: number): string {
  const topic = article.topic;
  const figure = `![A chart about ${topic}s](${figureUrl(`figure-${slugPart(topic)}`)})`;
  return [
    `${article.description} This piece collects what I learned about the ${topic}, in the order I wish I had learned it.`,
    `## Why the ${topic} matters`,
    `Most advice about the ${topic} is either too vague or too clever. The useful part fits in a few rules, ` +
      `and each of them is easier to keep when you know *why* it exists. **Start small**, measure, and only then change things.`,
    figure,
    `## What to do first`,
    `1. Write down what you expect to happen.\n2. Try the smallest version of it.\n3. Compare, and keep notes.`,
    `- Keep it simple\n- Keep it visible\n- Keep a record of what changed`,
    `## A worked example`,
    index % 2 === 0
      ? '```ts\n' +
        `export function describe(${slugPart(topic).replace(/-/g, '')}: string): string {\n` +
        `  return \`A note about \${${slugPart(topic).replace(/-/g, '')}}\`;\n}\n` +
        '```'
      : '```sh\n' + `grep -ri "${topic}" notes/ | sort | uniq -c\n` + '```',
    `> ${capitalise(topic)} first, polish later. — a note taped to my monitor`,
    `### Further reading`,
    `See the earlier posts tagged *${article.tags.join('*, *')}*, and tell me in the comments what I missed.`,
  ].join('\n\n');
}

const slugPart = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The seed starts here and each article is a little older than the one before. */
const NEWEST = Date.parse('2026-06-01T09:30:00.000Z');
const HOUR = 3_600_000;

/** Loads the seed into an empty store. */
export function seedMockDb(db: MockDatabase): void {
  const users = new Map<string, UserRecord>();
  for (const writer of WRITERS) {
    const user = db.insertUser({
      username: writer.username,
      email: `${writer.username.replace(/[^a-z0-9]/g, '.')}@inkwell.test`,
      bio: writer.bio,
      image: writer.avatar ? avatarUrl(writer.username) : null,
      token: `mock-token-${writer.username}`,
    });
    users.set(writer.username, user);
  }
  const user = (username: string): UserRecord => {
    const found = users.get(username);
    if (!found) throw new Error(`seed: unknown writer ${username}`);
    return found;
  };

  for (const [follower, followee] of FOLLOWS) db.follow(user(follower).id, user(followee).id);

  const articles: ArticleRecord[] = [];
  ARTICLES.forEach((seed, index) => {
    // Spread over the weeks before NEWEST, with uneven gaps so dates look natural.
    const createdAt = new Date(NEWEST - index * 31 * HOUR - (index % 4) * 47 * 60_000).toISOString();
    const edited = index % 5 === 1;
    articles.push(
      db.insertArticle({
        authorId: user(seed.author).id,
        title: seed.title,
        description: seed.description,
        body: articleBody(seed, index),
        tagList: seed.tags,
        coverImage: seed.cover ? coverUrl(seed.cover) : null,
        createdAt,
        updatedAt: edited ? new Date(Date.parse(createdAt) + 5 * HOUR + 12_345).toISOString() : createdAt,
      }),
    );
  });

  const everyone = [...users.values()];
  articles.forEach((article, i) => {
    everyone.forEach((reader, j) => {
      if (reader.id !== article.authorId && (i * 7 + j * 3) % 4 === 0) db.favorite(reader.id, article.id);
    });
    if (i % 3 === 2) return;
    const others = everyone.filter((u) => u.id !== article.authorId);
    const count = 1 + (i % 4);
    for (let k = 0; k < count; k += 1) {
      const author = others[(i + k) % others.length];
      if (!author) continue;
      db.insertComment({
        articleId: article.id,
        authorId: author.id,
        body: COMMENTS[(i + k * 2) % COMMENTS.length] ?? COMMENTS[0] ?? '',
        createdAt: new Date(Date.parse(article.createdAt) + (k + 1) * 2 * HOUR + k * 1234).toISOString(),
      });
    }
  });
}
