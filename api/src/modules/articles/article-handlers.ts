// HTTP bindings for articles, the feed and favorites.
import { ARTICLES_DEFAULT_LIMIT } from '@inkwell/rules';
import type { components } from '@inkwell/openapi';
import type { HandlerDeps } from '../../deps.js';
import type { OperationHandler } from '../../http/operation.js';
import { requireUser } from '../../tokens.js';
import { toArticleDto, toArticleListItemDto } from './article-mapper.js';
import type { ArticlePage, ArticleRow } from './article-repository.js';
import * as articleService from './article-service.js';

/** What listing takes from the app's dependencies. */
function listDeps(deps: HandlerDeps): articleService.ListDeps {
  return {
    db: deps.db,
    searches: deps.searches,
    searchTimeoutMs: deps.config.search.timeoutMs,
    searchCandidates: deps.config.search.candidates,
  };
}

const publicUrlOf = (deps: HandlerDeps) => (key: string) => deps.objectStore.publicUrl(key);

/** The article with the uploaded images it shows (cover and body). */
async function articleAnswer(
  row: ArticleRow,
  deps: HandlerDeps,
): Promise<{ article: components['schemas']['Article'] }> {
  const [images = []] = await articleService.imagesOf(deps.db, [row], publicUrlOf(deps));
  return { article: toArticleDto(row, images, deps.config.defaultAvatarUrl) };
}

/** A page of list items, each with its cover's image record (one query for the page). */
async function listAnswer(page: ArticlePage, deps: HandlerDeps) {
  const covers = page.rows.map((row) => ({ coverImage: row.coverImage }));
  const images = await articleService.imagesOf(deps.db, covers, publicUrlOf(deps));
  const avatar = deps.config.defaultAvatarUrl;
  return {
    articles: page.rows.map((row, index) => toArticleListItemDto(row, images[index] ?? [], avatar)),
    articlesCount: page.total,
  };
}

export const listArticles: OperationHandler<'listArticles'> = async ({ query, user, deps }) => {
  const filter = { tag: query.tag, author: query.author, favorited: query.favorited, q: query.q, status: query.status };
  const page = await articleService.list(listDeps(deps), filter, user?.id ?? null, {
    limit: query.limit ?? ARTICLES_DEFAULT_LIMIT,
    offset: query.offset ?? 0,
    withBody: deps.config.listIncludesBody,
  });
  return { status: 200, body: await listAnswer(page, deps) };
};

export const listFeedArticles: OperationHandler<'listFeedArticles'> = async ({ query, user, deps }) => {
  const viewer = requireUser(user);
  const page = await articleService.list(listDeps(deps), { feedOf: viewer.id }, viewer.id, {
    limit: query.limit ?? ARTICLES_DEFAULT_LIMIT,
    offset: query.offset ?? 0,
    withBody: deps.config.listIncludesBody,
  });
  return { status: 200, body: await listAnswer(page, deps) };
};

export const getArticle: OperationHandler<'getArticle'> = async ({ params, user, deps }) => {
  const article = await articleService.getArticle(deps.db, params.slug, user?.id ?? null);
  return { status: 200, body: await articleAnswer(article, deps) };
};

export const createArticle: OperationHandler<'createArticle'> = async ({ body, user, deps }) => {
  const article = await articleService.createArticle(deps.db, requireUser(user).id, body.article);
  return { status: 201, body: await articleAnswer(article, deps) };
};

export const updateArticle: OperationHandler<'updateArticle'> = async ({ params, body, user, deps }) => {
  const article = await articleService.editArticle(deps.db, requireUser(user).id, params.slug, body.article);
  return { status: 200, body: await articleAnswer(article, deps) };
};

export const deleteArticle: OperationHandler<'deleteArticle'> = async ({ params, user, deps }) => {
  await articleService.removeArticle(deps.db, requireUser(user).id, params.slug);
  return { status: 204, body: undefined };
};

export const favoriteArticle: OperationHandler<'favoriteArticle'> = async ({ params, user, deps }) => {
  const article = await articleService.favorite(deps.db, requireUser(user).id, params.slug);
  return { status: 200, body: await articleAnswer(article, deps) };
};

export const unfavoriteArticle: OperationHandler<'unfavoriteArticle'> = async ({ params, user, deps }) => {
  const article = await articleService.unfavorite(deps.db, requireUser(user).id, params.slug);
  return { status: 200, body: await articleAnswer(article, deps) };
};
