// Comments through the API, as a reader would write them.
import { type TestApp, tokenHeader } from '../helpers/test-app.js';

export const commentFactory = {
  /** POSTs a comment on the article at `slug`; resolves the raw response. */
  post(app: TestApp, slug: string, token: string, body: string) {
    return app.request.post(`/api/v1/articles/${slug}/comments`).set(tokenHeader(token)).send({ comment: { body } });
  },
};
