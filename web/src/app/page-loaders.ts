/*
 * The chunks of the pages a visit most often lands on. The entry starts the landing page's chunk
 * together with its data (first-screen.ts); the router renders it from the same import.
 */
export const loadHomeRoute = () => import('./routes/home');
export const loadArticleRoute = () => import('./routes/article');
