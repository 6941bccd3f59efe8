import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { Link } from '@/components/ui/link';
import { EmptyState, ErrorNotice } from '@/components/ui/notice';
import { Pagination } from '@/components/ui/pagination';
import { SkeletonText } from '@/components/ui/skeleton';
import type { Href } from '@/config/paths';

import { ARTICLES_PER_PAGE } from '../api/article-keys';
import type { ArticleListPage } from '../api/list-articles';

import { ArticleCard } from './article-card';

interface ArticleListProps {
  query: UseQueryResult<ArticleListPage>;
  page: number;
  hrefForPage: (page: number) => Href;
  emptyTitle: string;
  emptyHint?: ReactNode;
  /** The list is the first thing on the page: its first cover is the LCP image. */
  aboveTheFold?: boolean;
  /** Its writer's drafts or scheduled articles: cards open the editor. */
  unpublished?: boolean;
}

/** Placeholder cards with the real cards' proportions, so the page does not shift when data arrives. */
function CardGridSkeleton({ count = 4, label = 'Loading articles…' }: { count?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      <ul className="card-grid" aria-hidden="true">
        {Array.from({ length: count }, (_, i) => (
          <li key={i} className="card card--skeleton">
            <div className="cover skeleton" />
            <div className="card__body">
              <span className="skeleton skeleton--title" />
              <SkeletonText lines={2} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * An address past the list's end (an old link, a hand-typed page): the list is not empty, so it
 * says so and leads back to its first and last pages.
 */
function PastTheEnd({
  page,
  pageCount,
  hrefForPage,
}: {
  page: number;
  pageCount: number;
  hrefForPage: (page: number) => Href;
}) {
  return (
    <EmptyState title={`There is no page ${page}`}>
      <p>
        <Link to={hrefForPage(1)}>Go to page 1</Link>
        {pageCount > 1 ? (
          <>
            {' '}
            or <Link to={hrefForPage(pageCount)}>the last page, {pageCount}</Link>
          </>
        ) : null}
        .
      </p>
    </EmptyState>
  );
}

/** Cards, or their skeletons, an empty state or an error; then page links from `articlesCount`. */
export function ArticleList({
  query,
  page,
  hrefForPage,
  emptyTitle,
  emptyHint,
  aboveTheFold = false,
  unpublished = false,
}: ArticleListProps) {
  if (query.isPending) return <CardGridSkeleton />;
  if (query.isError) {
    return (
      <ErrorNotice error={query.error} title="The articles couldn't be loaded" onRetry={() => void query.refetch()} />
    );
  }
  const { articles, articlesCount } = query.data;
  if (articlesCount === 0) {
    return <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>;
  }
  const pageCount = Math.ceil(articlesCount / ARTICLES_PER_PAGE);
  if (articles.length === 0) return <PastTheEnd page={page} pageCount={pageCount} hrefForPage={hrefForPage} />;
  return (
    <div className={query.isPlaceholderData ? 'is-refreshing' : undefined} aria-busy={query.isPlaceholderData}>
      <ul className="card-grid">
        {articles.map((article, i) => (
          <ArticleCard
            key={article.slug}
            article={article}
            priority={aboveTheFold && i === 0}
            unpublished={unpublished}
          />
        ))}
      </ul>
      <Pagination page={page} pageCount={pageCount} hrefFor={hrefForPage} label="Article pages" />
    </div>
  );
}
