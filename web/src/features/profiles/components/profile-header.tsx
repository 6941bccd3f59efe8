import type { ReactNode } from 'react';

import { Avatar } from '@/components/ui/avatar';

import type { Profile } from '../api/get-profile';

export function ProfileHeader({ profile, actions }: { profile: Profile; actions: ReactNode }) {
  return (
    <header className="profile-header">
      <Avatar src={profile.image} username={profile.username} size="lg" />
      <div className="profile-header__text">
        <h1 className="profile-header__name">{profile.username}</h1>
        {profile.bio ? <p className="profile-header__bio">{profile.bio}</p> : null}
      </div>
      <div className="profile-header__actions">{actions}</div>
    </header>
  );
}
