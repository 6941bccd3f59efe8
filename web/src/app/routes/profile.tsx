import { InkwellApiError } from '@inkwell/client';
import { useParams, useSearchParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { ErrorNotice } from '@/components/ui/notice';
import { PageSkeleton } from '@/components/ui/skeleton';
import { paths, type ProfileTab } from '@/config/paths';
import { useArticles } from '@/features/articles/api/list-articles';
import { ArticleList } from '@/features/articles/components/article-list';
import { useProfile } from '@/features/profiles/api/get-profile';
import { FollowButton } from '@/features/profiles/components/follow-button';
import { ProfileHeader } from '@/features/profiles/components/profile-header';
import { useSession } from '@/lib/auth';

import { NotFoundRoute } from './not-found';

export function ProfileRoute({ tab }: { tab: ProfileTab }) {
  const { username = '' } = useParams();
  const [params] = useSearchParams();
  const { page } = paths.profile.read(params);
  const session = useSession();
  const profile = useProfile(username);
  const articles = useArticles(tab === 'articles' ? { author: username, page } : { favorited: username, page });

  if (profile.isPending) return <PageSkeleton />;
  if (profile.isError) {
    if (profile.error instanceof InkwellApiError && profile.error.status === 404) {
      return <NotFoundRoute what="profile" />;
    }
    return (
      <div className="container container--narrow">
        <ErrorNotice
          error={profile.error}
          title="This profile couldn't be loaded"
          onRetry={() => void profile.refetch()}
        />
      </div>
    );
  }

  const me = session?.username.toLowerCase() === profile.data.username.toLowerCase();
  return (
    <div className="container">
      <title>{`${profile.data.username} — Inkwell`}</title>
      <ProfileHeader
        profile={profile.data}
        actions={
          me ? (
            <Link to={paths.settings.href()} className="btn btn--secondary btn--small">
              Edit profile
            </Link>
          ) : (
            <FollowButton profile={profile.data} />
          )
        }
      />
      <nav className="tabs" aria-label={`${profile.data.username}'s articles`}>
        <ul>
          <li>
            <Link to={paths.profile.href(profile.data.username)} aria-current={tab === 'articles' ? 'page' : undefined}>
              Articles
            </Link>
          </li>
          <li>
            <Link
              to={paths.profile.href(profile.data.username, { tab: 'favorites' })}
              aria-current={tab === 'favorites' ? 'page' : undefined}
            >
              Favorites
            </Link>
          </li>
        </ul>
      </nav>
      <ArticleList
        query={articles}
        page={page}
        hrefForPage={(p) => paths.profile.href(profile.data.username, { tab, page: p })}
        // Below a short header, the first cover is what a phone shows largest (the LCP image).
        aboveTheFold
        emptyTitle={
          tab === 'articles'
            ? `${me ? 'You have' : `${profile.data.username} has`} not published anything yet`
            : `${me ? 'You have' : `${profile.data.username} has`} no favorites yet`
        }
        emptyHint={
          me && tab === 'articles' ? (
            <p>
              <Link to={paths.editor.href()}>Write your first article</Link>.
            </p>
          ) : null
        }
      />
    </div>
  );
}
