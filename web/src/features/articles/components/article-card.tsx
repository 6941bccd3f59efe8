import { Avatar } from '@/components/ui/avatar';
import { CoverImage } from '@/components/ui/cover-image';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { formatDate } from '@/utils/format';

import type { ArticleListItem } from '../api/list-articles';

import { CARD_COVER_SIZES } from './cover-sizes';
import { FavoriteButton } from './favorite-button';

interface ArticleCardProps {
  article: ArticleListItem;
  /** The first card's cover is the page's largest image: load it first. */
  priority?: boolean;
  /** Its writer's own list of drafts or scheduled articles: the card opens the editor. */
  unpublished?: boolean;
}

/** When the card says it was written: published, scheduled, or (a draft) last edited. */
function cardDate(article: ArticleListItem, unpublished: boolean) {
  if (!unpublished) return { at: article.publishedAt ?? article.createdAt, label: '' };
  return article.status === 'draft'
    ? { at: article.updatedAt, label: 'Draft, edited ' }
    : { at: article.publishedAt ?? article.updatedAt, label: 'Scheduled for ' };
}

export function ArticleCard({ article, priority = false, unpublished = false }: ArticleCardProps) {
  const href = unpublished ? paths.editor.href(article.slug) : paths.article.href(article.slug);
  const date = cardDate(article, unpublished);
  const { author } = article;
  return (
    <li className="card">
      <article className="card__inner">
        <Link to={href} className="card__cover" tabIndex={-1} aria-hidden="true">
          <CoverImage
            url={article.coverImage}
            title={article.title}
            focalPoint={article.coverImageFocalPoint}
            sizes={CARD_COVER_SIZES}
            priority={priority}
          />
        </Link>
        <div className="card__body">
          {article.tagList.length > 0 ? (
            <ul className="tag-list tag-list--quiet" aria-label="Tags">
              {article.tagList.slice(0, 3).map((tag) => (
                <li key={tag}>
                  <Link to={paths.home.href({ tag })} className="tag">
                    {tag}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <h2 className="card__title">
            <Link to={href}>{article.title}</Link>
          </h2>
          <p className="card__description">{article.description}</p>
          <div className="card__footer">
            <div className="card__meta">
              <Link to={paths.profile.href(author.username)} className="byline">
                <Avatar src={author.image} username={author.username} size="sm" />
                <span className="byline__name">{author.username}</span>
              </Link>
              <span className="card__date">
                {date.label}
                <time dateTime={date.at}>{formatDate(date.at)}</time>
              </span>
            </div>
            {unpublished ? null : <FavoriteButton article={article} />}
          </div>
        </div>
      </article>
    </li>
  );
}
