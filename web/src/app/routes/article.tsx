import { InkwellApiError } from '@inkwell/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';

import { CoverImage } from '@/components/ui/cover-image';
import { ErrorNotice } from '@/components/ui/notice';
import { PageSkeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { articleKeys } from '@/features/articles/api/article-keys';
import { useArticle } from '@/features/articles/api/get-article';
import { ArticleHeader } from '@/features/articles/components/article-header';
import { AuthorActions } from '@/features/articles/components/author-actions';
import { HERO_COVER_SIZES } from '@/features/articles/components/cover-sizes';
import { FavoriteButton } from '@/features/articles/components/favorite-button';
import { MarkdownBody } from '@/features/articles/components/markdown-body';
import { CommentsSection } from '@/features/comments/components/comments-section';
import { FollowButton } from '@/features/profiles/components/follow-button';
import { useSession } from '@/lib/auth';
import { loadMarkdown } from '@/lib/load-markdown';

import { NotFoundRoute } from './not-found';

// The renderer loads while the article is fetched, not after.
void loadMarkdown();

export function ArticleRoute() {
  const { slug = '' } = useParams();
  const session = useSession();
  const article = useArticle(slug);
  const current = article.data?.slug;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // A former slug answers with the article under its current one: the address follows, as the
  // renderer's 301 does, without a second request.
  useEffect(() => {
    if (current === undefined || current === slug || !article.data) return;
    queryClient.setQueryData(articleKeys.detail(current), article.data);
    void navigate(paths.article.href(current), { replace: true });
  }, [current, slug, article.data, queryClient, navigate]);

  if (article.isPending) return <PageSkeleton />;
  if (article.isError) {
    if (article.error instanceof InkwellApiError && article.error.status === 404) {
      return <NotFoundRoute what="article" />;
    }
    return (
      <div className="container container--narrow">
        <ErrorNotice
          error={article.error}
          title="This article couldn't be loaded"
          onRetry={() => void article.refetch()}
        />
      </div>
    );
  }

  const data = article.data;
  const mine = session?.username.toLowerCase() === data.author.username.toLowerCase();
  return (
    <article className="article">
      <title>{`${data.title} — Inkwell`}</title>
      <div className="container container--narrow">
        <ArticleHeader
          article={data}
          actions={
            mine ? (
              <AuthorActions slug={data.slug} title={data.title} />
            ) : (
              <div className="button-row">
                <FollowButton profile={data.author} />
                <FavoriteButton article={data} variant="full" />
              </div>
            )
          }
        />
      </div>
      {data.coverImage ? (
        <div className="container container--wide">
          <CoverImage
            url={data.coverImage}
            title={data.title}
            alt={data.coverImageAlt}
            focalPoint={data.coverImageFocalPoint}
            sizes={HERO_COVER_SIZES}
            priority
            className="cover--hero"
          />
        </div>
      ) : null}
      <div className="container container--narrow">
        <MarkdownBody markdown={data.body} images={data.images} />
        <div className="article-footer">
          <FavoriteButton article={data} variant="full" />
        </div>
        <CommentsSection slug={data.slug} articleAuthor={data.author.username} />
      </div>
    </article>
  );
}
