// Sign up, sign in, sign out and the signed-in user's own account. The mock keeps one token per
// user: signing out or changing the password gives the user a new one, so the old token is
// refused from then on, as the API refuses the token of an ended session.
import { mockDb, views } from '../db';
import type { UserRecord } from '../records';
import { http, identify, readJsonBody, refuseBody, unauthorizedBody } from './http';
import { Problems, RULES, requireSomeField, text, wrapped } from './validation';

/** Adds "has already been taken" for an email or username another user holds (any case). */
function checkTaken(problems: Problems, changes: { email?: string; username?: string }, self: UserRecord | null): void {
  const byEmail = changes.email === undefined ? null : mockDb.userByEmail(changes.email);
  if (byEmail && byEmail.id !== self?.id) problems.add('email', 'has already been taken');
  const byName = changes.username === undefined ? null : mockDb.userByUsername(changes.username);
  if (byName && byName.id !== self?.id) problems.add('username', 'has already been taken');
}

export const userHandlers = [
  // Sign-up and sign-in need no token and ignore one that is sent, as the API does, so a client
  // still holding an expired token can sign in again.
  http.post('/users/login', async ({ request, response }) => {
    const json = await readJsonBody(request);
    if (!json.ok) return refuseBody(json, response);
    const problems = new Problems();
    const fields = wrapped(json.value, 'user', problems) ?? {};
    const email = text(fields, 'email', { ...RULES.loginEmail, required: true }, problems);
    const password = text(fields, 'password', { ...RULES.loginPassword, required: true }, problems);
    if (!problems.empty || !email || !password) return response(422).json(problems.body);

    const user = mockDb.userByEmail(email);
    if (!user || user.password !== password) {
      return response(401).json({ errors: { credentials: ['email or password is invalid'] } });
    }
    return response(200).json({ user: views.toUser(user) });
  }),

  http.post('/users', async ({ request, response }) => {
    const json = await readJsonBody(request);
    if (!json.ok) return refuseBody(json, response);
    const problems = new Problems();
    const fields = wrapped(json.value, 'user', problems) ?? {};
    const username = text(fields, 'username', { ...RULES.username, required: true }, problems);
    const email = text(fields, 'email', { ...RULES.email, required: true }, problems);
    const password = text(fields, 'password', { ...RULES.password, required: true }, problems);
    if (!problems.empty || !username || !email || !password) return response(422).json(problems.body);

    checkTaken(problems, { email, username }, null);
    if (!problems.empty) return response(422).json(problems.body);
    const user = mockDb.insertUser({ username, email, password });
    return response(201).json({ user: views.toUser(user) });
  }),

  http.get('/user', ({ request, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    return response(200).json({ user: views.toUser(user) });
  }),

  http.put('/user', async ({ request, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    const json = await readJsonBody(request);
    if (!json.ok) return refuseBody(json, response);
    const problems = new Problems();
    const fields = wrapped(json.value, 'user', problems);
    if (!fields) return response(422).json(problems.body);
    requireSomeField(fields, 'user', problems);
    const email = text(fields, 'email', RULES.email, problems) ?? undefined;
    const username = text(fields, 'username', RULES.username, problems) ?? undefined;
    // An empty password keeps the current one, as other Conduit back ends do (their settings
    // forms send the field even when it was left empty).
    const password =
      fields.password === '' ? undefined : (text(fields, 'password', RULES.password, problems) ?? undefined);
    const bio = text(fields, 'bio', RULES.bio, problems);
    const image = text(fields, 'image', RULES.image, problems);
    if (problems.empty) checkTaken(problems, { email, username }, user);
    if (!problems.empty) return response(422).json(problems.body);

    let updated = mockDb.updateUser(user.id, {
      email,
      username,
      password,
      // `null` and `""` clear the bio and the picture (which then falls back to the default avatar).
      bio: bio === undefined ? undefined : (bio ?? ''),
      image: image === undefined ? undefined : image || null,
    });
    // A new password ends every session: the answer carries the only token that still works.
    if (password !== undefined) updated = mockDb.renewToken(user.id);
    return response(200).json({ user: views.toUser(updated) });
  }),

  http.post('/users/logout', ({ request, response }) => {
    const { user } = identify(request);
    if (!user) return response(401).json(unauthorizedBody());
    mockDb.renewToken(user.id);
    return response(204).empty();
  }),
];
