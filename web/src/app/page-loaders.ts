/*
 * The chunks of the public pages, the ones a visit lands on. The entry starts the landing page's
 * chunk together with its data (first-screen.ts), or, on a server-rendered page, before the app
 * hydrates it; the router renders it from the same import.
 */
export const loadHomeRoute = () => import('./routes/home');
export const loadArticleRoute = () => import('./routes/article');
export const loadProfileRoute = () => import('./routes/profile');
export const loadSearchRoute = () => import('./routes/search');
