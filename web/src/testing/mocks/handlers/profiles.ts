// Public profiles and following.
import { mockDb, views } from '../db';
import { http, identify, notFoundBody, unauthorizedBody } from './http';

export const profileHandlers = [
  http.get('/profiles/{username}', ({ request, params, response }) => {
    const { user: viewer, rejected } = identify(request);
    if (rejected) return response(401).json(unauthorizedBody());
    const profile = mockDb.userByUsername(params.username);
    if (!profile) return response(404).json(notFoundBody('profile'));
    return response(200).json({ profile: views.toProfile(profile, viewer) });
  }),

  // Any request body is ignored, as the contract says (some clients send one).
  http.post('/profiles/{username}/follow', ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const followee = mockDb.userByUsername(params.username);
    if (!followee) return response(404).json(notFoundBody('profile'));
    if (followee.id === user.id) return response(422).json({ errors: { profile: ['cannot follow yourself'] } });
    mockDb.follow(user.id, followee.id);
    return response(200).json({ profile: views.toProfile(followee, user) });
  }),

  http.delete('/profiles/{username}/follow', ({ request, params, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const followee = mockDb.userByUsername(params.username);
    if (!followee) return response(404).json(notFoundBody('profile'));
    mockDb.unfollow(user.id, followee.id);
    return response(200).json({ profile: views.toProfile(followee, user) });
  }),
];
