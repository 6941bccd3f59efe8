// Articles: the global list with filters and search, the feed, and one article's lifecycle.
import {
  ARTICLES_DEFAULT_LIMIT,
  ARTICLES_MAX_LIMIT,
  AUTHOR_FILTER_MAX_LENGTH,
  FAVORITED_FILTER_MAX_LENGTH,
  SEARCH_QUERY_MAX_LENGTH,
  TAG_FILTER_MAX_LENGTH,
} from '@inkwell/rules';

import { mockDb, views } from '../db';
import { NO_SEARCH_WORD, hasSearchWord } from '../search';
import type { ArticleFilter, ArticleRecord, Page, UserRecord } from '../records';
import { forbiddenBody, http, identify, notFoundBody, readJsonBody, refuseBody, unauthorizedBody } from './http';
import {
  Problems,
  RULES,
  choice,
  dateTime,
  focalPoint,
  readPage,
  readQueryChoice,
  readQueryText,
  requireSomeField,
  tagList,
  text,
  wrapped,
} from './validation';

const PAGE_LIMITS = { defaultLimit: ARTICLES_DEFAULT_LIMIT, maxLimit: ARTICLES_MAX_LIMIT };
const STATUSES = ['draft', 'published'] as const;
const LIST_STATUSES = ['published', 'draft', 'scheduled'] as const;

/** The fields create and update share beyond the text ones: cover details and publishing. */
function publishingFields(fields: Record<string, unknown>, problems: Problems) {
  return {
    coverImageAlt: text(fields, 'coverImageAlt', RULES.coverImageAlt, problems) ?? undefined,
    coverImageFocalPoint: focalPoint(fields, problems),
    status: choice(fields, 'status', STATUSES, problems),
    publishedAt: dateTime(fields, 'publishedAt', problems),
  };
}

function listBody(filter: ArticleFilter, page: Page, viewer: UserRecord | null) {
  const { articles, articlesCount } = mockDb.listArticles(filter, page);
  return { articles: articles.map((a) => views.toListItem(a, viewer)), articlesCount };
}

/**
 * The article to change and whether the caller may. Like the API, the mock checks the token
 * first, then the input (the validator runs before any handler), then 404 (also for a draft or
 * scheduled article of someone else), then 403.
 */
function ownArticle(slug: string, user: UserRecord): { article: ArticleRecord | null; mine: boolean } {
  const article = mockDb.articleSeenBy(slug, user.id);
  return { article, mine: article?.authorId === user.id };
}

export const articleHandlers = [
  http.get('/articles', ({ request, query, response }) => {
    const { user: viewer, rejected } = identify(request);
    if (rejected) return response(401).json(unauthorizedBody());
    const problems = new Problems();
    const filter: ArticleFilter = {
      tag: readQueryText(query, 'tag', TAG_FILTER_MAX_LENGTH, problems),
      author: readQueryText(query, 'author', AUTHOR_FILTER_MAX_LENGTH, problems),
      favorited: readQueryText(query, 'favorited', FAVORITED_FILTER_MAX_LENGTH, problems),
      q: readQueryText(query, 'q', SEARCH_QUERY_MAX_LENGTH, problems),
    };
    const status = readQueryChoice(query, 'status', LIST_STATUSES, 'published', problems);
    const page = readPage(query, problems, PAGE_LIMITS);
    if (!problems.empty) return response(422).json(problems.body);
    // As the API, once the input is valid: a search of exclusions or stop words alone would
    // match every article, so it is refused.
    if (filter.q && !hasSearchWord(filter.q)) return response(422).json({ errors: { q: [NO_SEARCH_WORD] } });
    if (status === 'published') return response(200).json(listBody(filter, page, viewer));
    // Drafts and scheduled articles: their author's alone, as the API decides.
    if (!viewer) return response(401).json(unauthorizedBody());
    if (!filter.author) {
      return response(422).json({ errors: { author: ['must name you to list drafts or scheduled articles'] } });
    }
    if (filter.favorited || filter.q) {
      return response(422).json({ errors: { status: ['cannot be combined with favorited or q'] } });
    }
    if (mockDb.userByUsername(filter.author)?.id !== viewer.id) {
      return response(403).json(
        forbiddenBody('status', 'drafts and scheduled articles are listed for their author only'),
      );
    }
    const own = { tag: filter.tag, unpublishedOf: { authorId: viewer.id, status } };
    return response(200).json(listBody(own, page, viewer));
  }),

  // Registered before `/articles/{slug}`, which would otherwise take "feed" for a slug.
  http.get('/articles/feed', ({ request, query, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const problems = new Problems();
    const page = readPage(query, problems, PAGE_LIMITS);
    if (!problems.empty) return response(422).json(problems.body);
    return response(200).json(listBody({ feedOf: user.id }, page, user));
  }),

  http.post('/articles', async ({ request, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const json = await readJsonBody(request);
    if (!json.ok) return refuseBody(json, response);
    const problems = new Problems();
    const fields = wrapped(json.value, 'article', problems) ?? {};
    const title = text(fields, 'title', { ...RULES.title, required: true }, problems);
    const description = text(fields, 'description', { ...RULES.description, required: true }, problems);
    const body = text(fields, 'body', { ...RULES.articleBody, required: true }, problems);
    const tags = tagList(fields, problems);
    const coverImage = text(fields, 'coverImage', RULES.coverImage, problems);
    const publishing = publishingFields(fields, problems);
    if (!problems.empty || !title || !description || !body) return response(422).json(problems.body);

    const article = mockDb.insertArticle({
      authorId: user.id,
      title,
      description,
      body,
      tagList: tags,
      coverImage,
      ...publishing,
    });
    return response(201).json({ article: views.toArticle(article, user) });
  }),

  http.get('/articles/{slug}', ({ request, params, response }) => {
    const { user: viewer, rejected } = identify(request);
    if (rejected) return response(401).json(unauthorizedBody());
    const article = mockDb.articleSeenBy(params.slug, viewer?.id ?? null);
    if (!article) return response(404).json(notFoundBody('article'));
    return response(200).json({ article: views.toArticle(article, viewer) });
  }),

  http.put('/articles/{slug}', async ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const json = await readJsonBody(request);
    if (!json.ok) return refuseBody(json, response);
    const problems = new Problems();
    const fields = wrapped(json.value, 'article', problems);
    if (!fields) return response(422).json(problems.body);
    requireSomeField(fields, 'article', problems);
    const patch = {
      title: text(fields, 'title', RULES.title, problems) ?? undefined,
      description: text(fields, 'description', RULES.description, problems) ?? undefined,
      body: text(fields, 'body', RULES.articleBody, problems) ?? undefined,
      tagList: tagList(fields, problems),
      coverImage: text(fields, 'coverImage', RULES.coverImage, problems),
      ...publishingFields(fields, problems),
    };
    if (!problems.empty) return response(422).json(problems.body);
    const { article, mine } = ownArticle(params.slug, user);
    if (!article) return response(404).json(notFoundBody('article'));
    if (!mine) return response(403).json(forbiddenBody('article', 'can only be changed by its author'));

    const updated = mockDb.updateArticle(article.id, patch);
    return response(200).json({ article: views.toArticle(updated, user) });
  }),

  http.delete('/articles/{slug}', ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const { article, mine } = ownArticle(params.slug, user);
    if (!article) return response(404).json(notFoundBody('article'));
    if (!mine) return response(403).json(forbiddenBody('article', 'can only be changed by its author'));
    mockDb.deleteArticle(article.id);
    return response(204).empty();
  }),
];
