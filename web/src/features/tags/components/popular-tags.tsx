import { Link } from '@/components/ui/link';
import { SkeletonText } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-errors';

import { usePopularTags } from '../api/list-tags';

/** Enough to browse by, few enough to scan. */
const SHOWN = 24;

export function PopularTags({ activeTag }: { activeTag?: string | undefined }) {
  const tags = usePopularTags();
  return (
    <section className="side-panel" aria-labelledby="popular-tags">
      <h2 id="popular-tags" className="side-panel__title">
        Popular tags
      </h2>
      {tags.isPending ? (
        <SkeletonText lines={3} />
      ) : tags.isError ? (
        <p className="muted">
          {describeError(tags.error)}{' '}
          <button type="button" className="link-button" onClick={() => void tags.refetch()}>
            Try again
          </button>
        </p>
      ) : tags.data.length === 0 ? (
        <p className="muted">No tags yet. Tags appear here once articles use them.</p>
      ) : (
        <ul className="tag-list">
          {tags.data.slice(0, SHOWN).map((tag) => (
            <li key={tag}>
              <Link
                to={paths.home.href({ tag })}
                className={`tag${tag === activeTag ? ' is-active' : ''}`}
                aria-current={tag === activeTag ? 'page' : undefined}
              >
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
