import type { ReactNode } from 'react';

import { Avatar } from '@/components/ui/avatar';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { formatDate, readingMinutes } from '@/utils/format';

import type { Article } from '../api/get-article';

interface ArticleHeaderProps {
  article: Article;
  /** Follow, favorite, or the author's edit and delete: composed by the page. */
  actions: ReactNode;
}

export function ArticleHeader({ article, actions }: ArticleHeaderProps) {
  const { author } = article;
  const edited = article.updatedAt !== article.createdAt;
  const publishedAt = article.publishedAt ?? article.createdAt;
  return (
    <header className="article-header">
      {article.tagList.length > 0 ? (
        <ul className="tag-list tag-list--quiet" aria-label="Tags">
          {article.tagList.map((tag) => (
            <li key={tag}>
              <Link to={paths.home.href({ tag })} className="tag">
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <h1 className="article-header__title">{article.title}</h1>
      <p className="article-header__standfirst">{article.description}</p>
      <div className="article-meta">
        <Link to={paths.profile.href(author.username)} className="byline byline--large">
          <Avatar src={author.image} username={author.username} />
          <span className="byline__name">{author.username}</span>
        </Link>
        <span className="article-meta__details">
          <time dateTime={publishedAt}>{formatDate(publishedAt)}</time>
          {edited ? <span> · edited</span> : null}
          <span> · {readingMinutes(article.body)} min read</span>
        </span>
        <div className="article-meta__actions">{actions}</div>
      </div>
    </header>
  );
}
