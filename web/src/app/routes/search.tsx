import { useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { useArticles } from '@/features/articles/api/list-articles';
import { ArticleList } from '@/features/articles/components/article-list';
import { pluralize } from '@/utils/format';

import { readSearch } from './home-feed';

export function SearchRoute() {
  const [params] = useSearchParams();
  const { q, page } = readSearch(params);
  const results = useArticles({ q: q || undefined, page });

  const hrefFor = (p: number) => paths.search.href({ q, page: p });

  return (
    <div className="container container--narrow">
      <title>{q ? `“${q}” — Search — Inkwell` : 'Search — Inkwell'}</title>
      <header className="page-header">
        <h1>{q ? `Results for “${q}”` : 'Search'}</h1>
        {q && results.data ? (
          <p className="muted" aria-live="polite">
            {pluralize(results.data.articlesCount, 'article')} found
          </p>
        ) : null}
        {!q ? (
          <p className="muted">Type a few words in the search box at the top: titles, text and tags are searched.</p>
        ) : null}
      </header>
      {q ? (
        <ArticleList
          query={results}
          page={page}
          hrefForPage={hrefFor}
          aboveTheFold
          emptyTitle={`Nothing matches “${q}”`}
          emptyHint={<p>Try fewer words, another spelling, or a broader term.</p>}
        />
      ) : null}
    </div>
  );
}
