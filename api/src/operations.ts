// The registry: every operationId of the document and its handler. A missing or misspelt
// operation fails compilation here, not at the first request. Assembled beside app.ts, which
// hands it to http/; http/ itself knows no module.
import type { HandlerRegistry } from './http/operation.js';
import { createAsset } from './modules/assets/asset-handlers.js';
import {
  createArticle,
  deleteArticle,
  favoriteArticle,
  getArticle,
  listArticles,
  listFeedArticles,
  unfavoriteArticle,
  updateArticle,
} from './modules/articles/article-handlers.js';
import {
  createArticleComment,
  deleteArticleComment,
  listArticleComments,
} from './modules/comments/comment-handlers.js';
import { getHealth, getLiveness, getReadiness } from './modules/health/health-handlers.js';
import { followProfile, getProfile, unfollowProfile } from './modules/profiles/profile-handlers.js';
import { listTags } from './modules/tags/tag-handlers.js';
import { createUser, getCurrentUser, loginUser, logoutUser, updateCurrentUser } from './modules/users/user-handlers.js';

export const handlers = {
  loginUser,
  logoutUser,
  createUser,
  getCurrentUser,
  updateCurrentUser,
  getProfile,
  followProfile,
  unfollowProfile,
  listArticles,
  listFeedArticles,
  createArticle,
  getArticle,
  updateArticle,
  deleteArticle,
  listArticleComments,
  createArticleComment,
  deleteArticleComment,
  favoriteArticle,
  unfavoriteArticle,
  listTags,
  createAsset,
  getHealth,
  getLiveness,
  getReadiness,
} satisfies HandlerRegistry;
