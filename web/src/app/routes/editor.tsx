import { InkwellApiError } from '@inkwell/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { ErrorNotice } from '@/components/ui/notice';
import { PageSkeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { getArticleQueryOptions, type Article } from '@/features/articles/api/get-article';
import { ArticleEditor } from '@/features/articles/components/article-editor';
import { useSession } from '@/lib/auth';

import { NotFoundRoute } from './not-found';

/** Set on the editor's own moves of its address (a new draft, a new slug): the same editor goes on. */
interface EditorLocationState {
  continued?: boolean;
}

function EditorPage({ slug, username }: { slug: string | undefined; username: string }) {
  const navigate = useNavigate();
  // A new article has nothing to load; an existing one comes from the cache the editor fills.
  const article = useQuery({ ...getArticleQueryOptions(slug ?? ''), enabled: slug !== undefined });
  const onMoved = (moved: Article, go: (navigate: () => void) => void) =>
    go(() => void navigate(paths.editor.href(moved.slug), { replace: true, state: { continued: true } }));
  const onDone = (done: Article, go: (navigate: () => void) => void) =>
    go(() => void navigate(paths.article.href(done.slug)));

  if (slug !== undefined) {
    if (article.isPending) return <PageSkeleton />;
    if (article.isError) {
      if (article.error instanceof InkwellApiError && article.error.status === 404) {
        return <NotFoundRoute what="article" />;
      }
      return (
        <ErrorNotice
          error={article.error}
          title="This article couldn't be loaded"
          onRetry={() => void article.refetch()}
        />
      );
    }
    if (article.data.author.username.toLowerCase() !== username.toLowerCase()) {
      return (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">Only its author can edit this article</p>
          <p>
            You can <Link to={paths.article.href(slug)}>read it</Link> or{' '}
            <Link to={paths.editor.href()}>write one of your own</Link>.
          </p>
        </div>
      );
    }
  }
  return <ArticleEditor article={article.data} username={username} onMoved={onMoved} onDone={onDone} />;
}

export function EditorRoute() {
  const { slug } = useParams();
  const { state } = useLocation();
  const session = useSession();
  // Which editor is open: a new one per article, but the same one while it moves its own address.
  const [open, setOpen] = useState({ slug, key: slug ?? 'new' });
  if (open.slug !== slug) {
    const continued = (state as EditorLocationState | null)?.continued === true;
    setOpen({ slug, key: continued ? open.key : (slug ?? 'new') });
  }
  return (
    <div className="container container--narrow">
      <title>{slug ? 'Edit article — Inkwell' : 'New article — Inkwell'}</title>
      <header className="page-header">
        <h1>{slug ? 'Edit article' : 'New article'}</h1>
      </header>
      {session ? <EditorPage key={open.key} slug={slug} username={session.username} /> : null}
    </div>
  );
}
