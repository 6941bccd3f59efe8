// Comments on articles, newest first.
import { COMMENTS_DEFAULT_LIMIT, COMMENTS_MAX_LIMIT } from '@inkwell/rules';

import { mockDb, views } from '../db';
import { forbiddenBody, http, identify, notFoundBody, readJsonBody, refuseBody, unauthorizedBody } from './http';
import { Problems, RULES, readPage, text, wrapped } from './validation';

const PAGE_LIMITS = { defaultLimit: COMMENTS_DEFAULT_LIMIT, maxLimit: COMMENTS_MAX_LIMIT };

export const commentHandlers = [
  http.get('/articles/{slug}/comments', ({ request, params, query, response }) => {
    const { user: viewer, rejected } = identify(request);
    if (rejected) return response(401).json(unauthorizedBody());
    const problems = new Problems();
    const page = readPage(query, problems, PAGE_LIMITS);
    if (!problems.empty) return response(422).json(problems.body);
    const article = mockDb.articleSeenBy(params.slug, viewer?.id ?? null);
    if (!article) return response(404).json(notFoundBody('article'));
    const comments = mockDb.listComments(article.id, page).map((c) => views.toComment(c, viewer));
    return response(200).json({ comments });
  }),

  // Answers 200, not 201: the Conduit contract says so.
  http.post('/articles/{slug}/comments', async ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const json = await readJsonBody(request);
    if (!json.ok) return refuseBody(json, response);
    const problems = new Problems();
    const fields = wrapped(json.value, 'comment', problems) ?? {};
    const body = text(fields, 'body', { ...RULES.commentBody, required: true }, problems);
    if (!problems.empty || !body) return response(422).json(problems.body);
    const article = mockDb.articleSeenBy(params.slug, user.id);
    if (!article) return response(404).json(notFoundBody('article'));

    const comment = mockDb.insertComment({ articleId: article.id, authorId: user.id, body });
    return response(200).json({ comment: views.toComment(comment, user) });
  }),

  http.delete('/articles/{slug}/comments/{id}', ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const id = /^\d{1,16}$/.test(params.id) ? Number(params.id) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1)
      return response(422).json({ errors: { id: ['must be a positive integer'] } });
    const article = mockDb.articleSeenBy(params.slug, user.id);
    const comment = mockDb.commentById(id);
    if (!article) return response(404).json(notFoundBody('article'));
    if (!comment || comment.articleId !== article.id) return response(404).json(notFoundBody('comment'));
    // The article's author moderates its discussion.
    if (comment.authorId !== user.id && article.authorId !== user.id) {
      return response(403).json(forbiddenBody('comment', "can only be deleted by its author or the article's author"));
    }
    mockDb.deleteComment(comment.id);
    return response(204).empty();
  }),
];
