// Favoriting articles; doing it twice is harmless.
import { mockDb, views } from '../db';
import { http, identify, notFoundBody, unauthorizedBody } from './http';

export const favoriteHandlers = [
  http.post('/articles/{slug}/favorite', ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const article = mockDb.articleSeenBy(params.slug, user.id);
    if (!article) return response(404).json(notFoundBody('article'));
    mockDb.favorite(user.id, article.id);
    return response(200).json({ article: views.toArticle(article, user) });
  }),

  http.delete('/articles/{slug}/favorite', ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const article = mockDb.articleSeenBy(params.slug, user.id);
    if (!article) return response(404).json(notFoundBody('article'));
    mockDb.unfavorite(user.id, article.id);
    return response(200).json({ article: views.toArticle(article, user) });
  }),
];
