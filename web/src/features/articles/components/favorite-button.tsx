import { useLocation } from 'react-router';

import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

import { useFavoriteArticle } from '../api/favorite-article';
import type { ArticleListItem } from '../api/list-articles';

interface FavoriteButtonProps {
  article: Pick<ArticleListItem, 'slug' | 'title' | 'favorited' | 'favoritesCount'>;
  /** `full` spells the action out (article page); `compact` is the heart and count (cards). */
  variant?: 'compact' | 'full';
}

function Heart() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 20.5s-7.5-4.6-9.3-9.1C1.5 8.3 3.4 5 6.7 5c2 0 3.4 1.1 4.3 2.5h2C13.9 6.1 15.3 5 17.3 5c3.3 0 5.2 3.3 4 6.4-1.8 4.5-9.3 9.1-9.3 9.1z" />
    </svg>
  );
}

export function FavoriteButton({ article, variant = 'compact' }: FavoriteButtonProps) {
  const session = useSession();
  const location = useLocation();
  const favorite = useFavoriteArticle();
  const { favorited, favoritesCount, title, slug } = article;
  const className = `favorite favorite--${variant}${favorited ? ' is-on' : ''}`;
  const count = `${favoritesCount} ${favoritesCount === 1 ? 'favorite' : 'favorites'}`;

  if (!session) {
    const here = `${location.pathname}${location.search}`;
    return (
      <Link
        to={paths.login.href({ redirectTo: here })}
        className={className}
        aria-label={`Sign in to favorite “${title}”, ${count}`}
      >
        <Heart />
        {variant === 'full' ? <span>Favorite</span> : null}
        <span className="favorite__count">{favoritesCount}</span>
      </Link>
    );
  }

  return (
    <button
      type="button"
      className={className}
      aria-pressed={favorited}
      aria-label={`Favorite “${title}”, ${count}`}
      disabled={favorite.isPending}
      onClick={() => favorite.mutate({ slug, favorite: !favorited })}
    >
      <Heart />
      {variant === 'full' ? <span aria-hidden="true">{favorited ? 'Favorited' : 'Favorite'}</span> : null}
      <span className="favorite__count">{favoritesCount}</span>
    </button>
  );
}
