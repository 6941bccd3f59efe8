import { InkwellApiError } from '@inkwell/client';
import { useNavigate, useParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { ErrorNotice } from '@/components/ui/notice';
import { PageSkeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useArticle, type Article } from '@/features/articles/api/get-article';
import { ArticleEditor } from '@/features/articles/components/article-editor';
import { useSession } from '@/lib/auth';

import { NotFoundRoute } from './not-found';

function EditExisting({ slug, onSaved }: { slug: string; onSaved: (article: Article) => void }) {
  const session = useSession();
  const article = useArticle(slug);
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
  if (article.data.author.username.toLowerCase() !== session?.username.toLowerCase()) {
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
  return <ArticleEditor key={article.data.slug} article={article.data} onSaved={onSaved} />;
}

export function EditorRoute() {
  const { slug } = useParams();
  const navigate = useNavigate();
  const onSaved = (article: Article) => navigate(paths.article.href(article.slug));
  return (
    <div className="container container--narrow">
      <title>{slug ? 'Edit article — Inkwell' : 'New article — Inkwell'}</title>
      <header className="page-header">
        <h1>{slug ? 'Edit article' : 'New article'}</h1>
      </header>
      {slug ? <EditExisting key={slug} slug={slug} onSaved={onSaved} /> : <ArticleEditor key="new" onSaved={onSaved} />}
    </div>
  );
}
