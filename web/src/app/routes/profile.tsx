import { InkwellApiError } from '@inkwell/client';
import { useParams, useSearchParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { ErrorNotice } from '@/components/ui/notice';
import { PageSkeleton } from '@/components/ui/skeleton';
import { paths, type ProfileTab } from '@/config/paths';
import type { ArticleListFilters } from '@/features/articles/api/article-keys';
import { useArticles } from '@/features/articles/api/list-articles';
import { ArticleList } from '@/features/articles/components/article-list';
import { useProfile } from '@/features/profiles/api/get-profile';
import { FollowButton } from '@/features/profiles/components/follow-button';
import { ProfileHeader } from '@/features/profiles/components/profile-header';
import { useSession } from '@/lib/auth';

import { NotFoundRoute } from './not-found';

const TABS: { tab: ProfileTab; label: string; ownerOnly: boolean }[] = [
  { tab: 'articles', label: 'Articles', ownerOnly: false },
  { tab: 'favorites', label: 'Favorites', ownerOnly: false },
  { tab: 'drafts', label: 'Drafts', ownerOnly: true },
  { tab: 'scheduled', label: 'Scheduled', ownerOnly: true },
];

/** The list a tab shows; a writer's drafts and scheduled articles are asked for by that writer alone. */
function listFor(tab: ProfileTab, username: string, page: number): ArticleListFilters {
  switch (tab) {
    case 'favorites':
      return { favorited: username, page };
    case 'drafts':
    case 'scheduled':
      return { author: username, status: tab === 'drafts' ? 'draft' : 'scheduled', page };
    default:
      return { author: username, page };
  }
}

function emptyTitle(tab: ProfileTab, name: string, me: boolean): string {
  const who = me ? 'You have' : `${name} has`;
  switch (tab) {
    case 'favorites':
      return `${who} no favorites yet`;
    case 'drafts':
      return 'You have no drafts';
    case 'scheduled':
      return 'Nothing is scheduled';
    default:
      return `${who} not published anything yet`;
  }
}

export function ProfileRoute({ tab: asked }: { tab: ProfileTab }) {
  const { username = '' } = useParams();
  const [params] = useSearchParams();
  const { page } = paths.profile.read(params);
  const session = useSession();
  const mine = session?.username.toLowerCase() === username.toLowerCase();
  // Someone else's drafts are not theirs to see: their articles instead.
  const tab = !mine && (asked === 'drafts' || asked === 'scheduled') ? 'articles' : asked;
  const profile = useProfile(username);
  const articles = useArticles(listFor(tab, username, page));

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

  const me = mine;
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
          {TABS.filter((item) => me || !item.ownerOnly).map((item) => (
            <li key={item.tab}>
              <Link
                to={paths.profile.href(profile.data.username, { tab: item.tab })}
                aria-current={tab === item.tab ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ArticleList
        query={articles}
        page={page}
        hrefForPage={(p) => paths.profile.href(profile.data.username, { tab, page: p })}
        // Below a short header, the first cover is what a phone shows largest (the LCP image).
        aboveTheFold
        unpublished={tab === 'drafts' || tab === 'scheduled'}
        emptyTitle={emptyTitle(tab, profile.data.username, me)}
        emptyHint={
          me && tab !== 'favorites' ? (
            <p>
              <Link to={paths.editor.href()}>Write your first article</Link>.
            </p>
          ) : null
        }
      />
    </div>
  );
}
