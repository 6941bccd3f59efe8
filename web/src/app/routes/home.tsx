import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';

import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { getArticlesQueryOptions, getFeedQueryOptions } from '@/features/articles/api/list-articles';
import { ArticleList } from '@/features/articles/components/article-list';
import { PopularTags } from '@/features/tags/components/popular-tags';
import { useSession } from '@/lib/auth';

import { readHomeFeed, type HomeFeed } from './home-feed';

function homeFeedQueryOptions(feed: HomeFeed) {
  return feed.kind === 'following'
    ? getFeedQueryOptions(feed.page)
    : getArticlesQueryOptions({ tag: feed.tag, page: feed.page });
}

function hrefFor(feed: HomeFeed, page: number) {
  return feed.kind === 'following'
    ? paths.home.href({ feed: 'following', page })
    : paths.home.href({ tag: feed.tag, page });
}

function FeedTabs({ feed, signedIn }: { feed: HomeFeed; signedIn: boolean }) {
  const tag = feed.kind === 'global' ? feed.tag : undefined;
  return (
    <nav className="tabs" aria-label="Feeds">
      <ul>
        {signedIn ? (
          <li>
            <Link
              to={paths.home.href({ feed: 'following' })}
              aria-current={feed.kind === 'following' ? 'page' : undefined}
            >
              Your feed
            </Link>
          </li>
        ) : null}
        <li>
          <Link to={paths.home.href()} aria-current={feed.kind === 'global' && !tag ? 'page' : undefined}>
            Everyone
          </Link>
        </li>
        {tag ? (
          <li>
            <Link to={hrefFor(feed, 1)} aria-current="page">
              #{tag}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function HomeRoute() {
  const session = useSession();
  const [params] = useSearchParams();
  const feed = readHomeFeed(params, session !== null);
  const articles = useQuery(homeFeedQueryOptions(feed));
  const tag = feed.kind === 'global' ? feed.tag : undefined;

  return (
    <div className="container">
      <title>{tag ? `#${tag} — Inkwell` : 'Inkwell — stories worth reading'}</title>
      <section className="intro">
        <h1 className="intro__title">{tag ? `Stories tagged “${tag}”` : 'Stories and ideas, carefully told'}</h1>
        <p className="intro__text">
          {session
            ? 'Catch up with the people you follow, or see what everyone is writing.'
            : 'Read illustrated articles from independent writers. Sign up to write your own, follow authors and keep favorites.'}
        </p>
      </section>
      <div className="with-sidebar">
        <div className="with-sidebar__main">
          <FeedTabs feed={feed} signedIn={session !== null} />
          <ArticleList
            query={articles}
            page={feed.page}
            hrefForPage={(page) => hrefFor(feed, page)}
            aboveTheFold
            emptyTitle={
              feed.kind === 'following'
                ? 'Nothing in your feed yet'
                : tag
                  ? `No articles tagged “${tag}” yet`
                  : 'No articles yet'
            }
            emptyHint={
              feed.kind === 'following' ? (
                <p>
                  Follow authors from their profiles and their new articles will show up here.{' '}
                  <Link to={paths.home.href()}>Browse everyone's articles</Link>.
                </p>
              ) : session ? (
                <p>
                  <Link to={paths.editor.href()}>Write the first one</Link>.
                </p>
              ) : null
            }
          />
        </div>
        <aside className="with-sidebar__side">
          <PopularTags activeTag={tag} />
        </aside>
      </div>
    </div>
  );
}
