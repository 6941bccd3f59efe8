import { useLocation } from 'react-router';

import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

import { useFollowProfile } from '../api/follow-profile';
import { useProfile, type Profile } from '../api/get-profile';

interface FollowButtonProps {
  /** The profile as already known (an article's author): no extra request to show the button. */
  profile: Profile;
}

/** Follow or unfollow an author; hidden on one's own profile. */
export function FollowButton({ profile: known }: FollowButtonProps) {
  const session = useSession();
  const location = useLocation();
  const { data: profile = known } = useProfile(known.username, known);
  const follow = useFollowProfile(known.username);

  if (session?.username.toLowerCase() === known.username.toLowerCase()) return null;
  if (!session) {
    const here = `${location.pathname}${location.search}`;
    return (
      <Link to={paths.login.href({ redirectTo: here })} className="btn btn--secondary btn--small">
        Follow {profile.username}
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={`btn btn--small ${profile.following ? 'btn--secondary is-on' : 'btn--primary'}`}
      disabled={follow.isPending}
      onClick={() => follow.mutate(!profile.following)}
    >
      {profile.following ? `Unfollow ${profile.username}` : `Follow ${profile.username}`}
    </button>
  );
}
