/*
 * How wide covers are drawn (the `sizes` of their srcset), following the card grid and the
 * article layout in the stylesheet. Kept apart from the components so the entry can preload the
 * first screen's cover with the very candidate the page will pick (app/first-screen.ts).
 */

/** A card of the article grid: one column on phones, two from 48rem, at most 34rem wide. */
export const CARD_COVER_SIZES = '(min-width: 75rem) 34rem, (min-width: 48rem) 45vw, calc(100vw - 2rem)';

/** The cover above an article: the whole width on phones, at most 56rem. */
export const HERO_COVER_SIZES = '(min-width: 60rem) 56rem, 100vw';
