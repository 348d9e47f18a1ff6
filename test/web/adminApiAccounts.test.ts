import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/config/schema.js';
import { systemActor } from '../../src/domain/access.js';
import { hashIp } from '../../src/domain/comments/commentTokens.js';
import type { Role } from '../../src/domain/user.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';
import { authorize } from '../../src/operations/authorize.js';
import type { AdminRouteModule } from '../../src/web/admin-api/registerAdminApi.js';
import { requireActor } from '../../src/web/admin-api/requestActor.js';
import { openTestSite, TEST_NOW, type TestSite } from '../support/khabar.js';
import { memoryRateLimiter } from '../support/memoryRateLimiter.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const ORIGIN = 'https://khabar.example';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const passwords = createArgon2PasswordHasher();
/** 60 Arabic letters: 120 bytes, past bcrypt's 72-byte cut. */
const ARABIC_PASSWORD = 'كلمةالسرالعربيةالطويلةجدا'.repeat(3).slice(0, 60);

interface Env {
  site: TestSite;
  clock: { ms: number };
  /** Moves the clock forward (never back: stores and limiters share it). */
  advance(ms: number): void;
}

/** A site without demo content on a fresh store of `kind`, with a clock the tests move. */
function accountsSite(kind: (typeof storeKinds)[number], overrides: ConfigInput = {}, adminRoutes: readonly AdminRouteModule[] = []): Env {
  const clock = { ms: TEST_NOW.getTime() };
  const now = () => new Date(clock.ms);
  let handle: TestStore | undefined;
  let site: TestSite | undefined;
  beforeAll(async () => {
    handle = await kind.open({ now });
    site = await openTestSite({ store: handle.store, now, demo: false, rateLimiter: memoryRateLimiter(now), overrides, adminRoutes });
  });
  afterAll(async () => {
    await site?.dispose();
    await handle?.dispose();
  });
  return {
    get site() {
      return site!;
    },
    clock,
    advance(ms) {
      clock.ms += ms;
    },
  };
}

let serial = 0;
/** A user created directly by the operator, with a unique email. */
async function seedUser(env: Env, role: Role, password = 'كلمة-سر-طويلة-1') {
  const email = `user${++serial}-${role}@khabar.example`;
  const user = await createUser({ store: env.site.khabar.store, passwords }, systemActor('test'), { email, displayName: `مستخدم ${serial}`, role, password });
  return { ...user, password };
}

function cookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'khabar_session');
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return cookie.value;
}

for (const kind of storeKinds) describe.skipIf(!kind.available)(`admin API: accounts [${kind.name}]`, () => {
  // Behind a TLS-terminating proxy on this machine: X-Forwarded-Proto from loopback is believed.
  const env = accountsSite(kind, { server: { trustProxy: ['loopback'] }, accounts: { login: { maxFailuresPerEmail: 5, maxAttemptsPerIp: 10_000, windowMinutes: 15 } } });
  const inject = (options: InjectOptions) => env.site.khabar.app.inject(options);

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN, ...headers }, payload: { email, password } });

  /** Logs in and returns the cookie header and CSRF token of the new session. */
  async function signIn(email: string, password: string) {
    const res = await login(email, password);
    expect(res.statusCode, res.body).toBe(200);
    const token = cookieOf(res);
    return { token, cookie: `khabar_session=${token}`, csrf: res.json().csrfToken as string };
  }

  const me = (cookie: string) => inject({ method: 'GET', url: '/admin/api/session', headers: { cookie } });

  const mutate = (method: 'POST' | 'PATCH' | 'DELETE', url: string, session: { cookie: string; csrf: string }, payload?: object, headers: Record<string, string> = {}) =>
    inject({
      method,
      url,
      headers: { origin: ORIGIN, cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
      ...(payload ? { payload } : {}),
    });

  describe('sessions', () => {
    it('answers 401 in JSON without a session, private and never stored', async () => {
      const res = await inject({ method: 'GET', url: '/admin/api/session' });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      const users = await inject({ method: 'GET', url: '/admin/api/users' });
      expect(users.statusCode).toBe(401);
      const unknown = await inject({ method: 'GET', url: '/admin/api/nothing-here', headers: { cookie: 'khabar_session=forged' } });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('NOT_FOUND');
      expect(unknown.headers['cache-control']).toBe('private, no-store');
    });

    it('logs in with a session cookie that is HttpOnly, SameSite=Lax, Path=/, and Secure only over TLS', async () => {
      const user = await seedUser(env, 'editor');
      const res = await login(user.email.toUpperCase(), user.password);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const cookie = res.cookies.find((c) => c.name === 'khabar_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.secure).toBeFalsy();
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const body = res.json();
      expect(body.user).toMatchObject({ id: user.id, email: user.email, role: 'editor', canLogIn: true });
      expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
      expect(body.csrfToken).toEqual(expect.any(String));

      const overTls = await login(user.email, user.password, { 'x-forwarded-proto': 'https' });
      expect(overTls.cookies.find((c) => c.name === 'khabar_session')!.secure).toBe(true);

      const current = await me(`khabar_session=${cookie.value}`);
      expect(current.statusCode).toBe(200);
      expect(current.json()).toMatchObject({ user: { id: user.id, role: 'editor' }, csrfToken: body.csrfToken });
    });

    it('answers a malformed or non-JSON body with a JSON 400, before any handler runs', async () => {
      const broken = await inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN, 'content-type': 'application/json' }, payload: '{"email":' });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error.code).toBe('BAD_REQUEST');
      // What a cross-site HTML form can send without a preflight is not even parsed.
      const form = await inject({ method: 'POST', url: '/admin/api/session', headers: { 'content-type': 'text/plain' }, payload: 'email=a&password=b' });
      expect(form.statusCode).toBe(400);
      expect(form.json().error).toEqual({ code: 'BAD_REQUEST', message: 'send the body as application/json' });
      expect(form.headers['cache-control']).toBe('private, no-store');
    });

    it('stores only the hash of the session token, and of the address', async () => {
      const user = await seedUser(env, 'author');
      const { token } = await signIn(user.email, user.password);
      const store = env.site.khabar.store;
      const { hashToken } = await import('../../src/operations/accounts/tokens.js');
      expect(await store.sessions.findByTokenHash(token)).toBeNull();
      const session = await store.sessions.findByTokenHash(hashToken(token));
      expect(session?.userId).toBe(user.id);
      // The address is kept as the site's keyed hash, the one comments use, never as typed.
      expect(session?.ipHash).toBe(hashIp(await store.secrets.get('ip-hash'), '127.0.0.1'));
      expect(session?.ipHash).not.toContain('127.0.0.1');
    });

    it('refuses a wrong password and an unknown email with the same answer', async () => {
      const user = await seedUser(env, 'author');
      const wrong = await login(user.email, 'not-the-password');
      const unknown = await login('nobody@khabar.example', 'not-the-password');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json().error).toEqual({ code: 'LOGIN_FAILED', message: 'wrong email or password' });
        expect(res.cookies).toHaveLength(0);
      }
      const missing = await inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email: user.email } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.code).toBe('INVALID_INPUT');
    });

    it('rotates the session on login: the cookie the browser carried stops working', async () => {
      const user = await seedUser(env, 'author');
      const first = await signIn(user.email, user.password);
      const second = await login(user.email, user.password, { cookie: first.cookie });
      expect(second.statusCode).toBe(200);
      const rotated = cookieOf(second);
      expect(rotated).not.toBe(first.token);
      expect((await me(first.cookie)).statusCode).toBe(401);
      expect((await me(`khabar_session=${rotated}`)).statusCode).toBe(200);
      expect(second.json().csrfToken).not.toBe(first.csrf);
    });

    it('ends the session on logout and clears the cookie', async () => {
      const user = await seedUser(env, 'contributor');
      const session = await signIn(user.email, user.password);
      const out = await mutate('DELETE', '/admin/api/session', session);
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === 'khabar_session')!;
      expect(cleared.value).toBe('');
      expect(cleared.path).toBe('/');
      expect((await me(session.cookie)).statusCode).toBe(401);
      expect((await mutate('DELETE', '/admin/api/session', session)).statusCode).toBe(401);
    });

    it('writes the sliding expiry at most once a minute per session', async () => {
      const user = await seedUser(env, 'author');
      const session = await signIn(user.email, user.password);
      const { hashToken } = await import('../../src/operations/accounts/tokens.js');
      const stored = () => env.site.khabar.store.sessions.findByTokenHash(hashToken(session.token));
      const loggedInAt = (await stored())!.lastSeenAt.getTime();
      env.advance(30_000);
      expect((await me(session.cookie)).statusCode).toBe(200);
      expect((await stored())!.lastSeenAt.getTime()).toBe(loggedInAt);
      env.advance(30_000);
      expect((await me(session.cookie)).statusCode).toBe(200);
      expect((await stored())!.lastSeenAt.getTime()).toBe(env.clock.ms);
      expect((await stored())!.expiresAt.getTime()).toBe(env.clock.ms + 7 * 24 * HOUR);
    });

    it('slides the expiry while used, ends after a week idle, and never outlives 30 days', async () => {
      const user = await seedUser(env, 'author');
      const active = await signIn(user.email, user.password);
      const idle = await signIn(user.email, user.password);
      for (let day = 1; day <= 29; day++) {
        env.advance(24 * HOUR);
        expect((await me(active.cookie)).statusCode, `day ${day}`).toBe(200);
      }
      expect((await me(idle.cookie)).statusCode).toBe(401);
      env.advance(24 * HOUR + MINUTE);
      expect((await me(active.cookie)).statusCode).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a mutation without the token, with a forged one, or from another origin', async () => {
      const user = await seedUser(env, 'author');
      const session = await signIn(user.email, user.password);
      const change = { currentPassword: user.password, newPassword: 'كلمة-سر-جديدة-2' };
      const attempts = [
        { name: 'missing', headers: { origin: ORIGIN, cookie: session.cookie } },
        { name: 'forged', headers: { origin: ORIGIN, cookie: session.cookie, 'x-csrf-token': session.csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } },
        { name: 'cross-origin', headers: { origin: 'https://evil.example', cookie: session.cookie, 'x-csrf-token': session.csrf } },
        { name: 'no origin at all', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } },
        { name: 'cross-site referer', headers: { referer: 'https://evil.example/khabar.example', cookie: session.cookie, 'x-csrf-token': session.csrf } },
      ];
      for (const attempt of attempts) {
        const res = await inject({ method: 'POST', url: '/admin/api/session/password', headers: attempt.headers, payload: change });
        expect(res.statusCode, attempt.name).toBe(403);
        expect(res.json().error.code, attempt.name).toBe('CSRF_INVALID');
      }
      // Another session's token does not fit this session.
      const other = await signIn(user.email, user.password);
      const mixed = await mutate('POST', '/admin/api/session/password', { cookie: session.cookie, csrf: other.csrf }, change);
      expect(mixed.json().error.code).toBe('CSRF_INVALID');
      // Nothing changed: the old password still logs in.
      expect((await login(user.email, user.password)).statusCode).toBe(200);
      // A same-origin Referer stands in for a missing Origin.
      const viaReferer = await inject({
        method: 'POST',
        url: '/admin/api/session/password',
        headers: { referer: `${ORIGIN}/admin/`, cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: change,
      });
      expect(viaReferer.statusCode, viaReferer.body).toBe(200);
    });

    it('refuses a login posted from another origin (login CSRF)', async () => {
      const user = await seedUser(env, 'author');
      const res = await login(user.email, user.password, { origin: 'https://evil.example' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_INVALID');
      expect(res.cookies).toHaveLength(0);
    });
  });

  describe('password change', () => {
    it('accepts a 60-letter Arabic password and ends every other session', async () => {
      const user = await seedUser(env, 'editor');
      const here = await signIn(user.email, user.password);
      const elsewhere = await signIn(user.email, user.password);
      const res = await mutate('POST', '/admin/api/session/password', here, { currentPassword: user.password, newPassword: ARABIC_PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ endedSessions: 1 });
      expect((await me(here.cookie)).statusCode).toBe(200);
      expect((await me(elsewhere.cookie)).statusCode).toBe(401);
      expect((await login(user.email, user.password)).statusCode).toBe(401);
      expect((await login(user.email, ARABIC_PASSWORD)).statusCode).toBe(200);
      // Not a prefix match: the 60th letter counts (bcrypt would have cut at 72 bytes).
      expect((await login(user.email, ARABIC_PASSWORD.slice(0, 59) + 'ب')).statusCode).toBe(401);
    });

    it('refuses a wrong current password, a short one and one over 1,024 bytes', async () => {
      const user = await seedUser(env, 'author');
      const session = await signIn(user.email, user.password);
      const wrong = await mutate('POST', '/admin/api/session/password', session, { currentPassword: 'wrong-password!', newPassword: 'كلمة-سر-جديدة-3' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toMatchObject({ code: 'LOGIN_FAILED', field: 'currentPassword' });
      for (const newPassword of ['قصيرة', 'ب'.repeat(513)]) {
        const res = await mutate('POST', '/admin/api/session/password', session, { currentPassword: user.password, newPassword });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'newPassword' });
      }
      // 512 Arabic letters are exactly 1,024 bytes: allowed.
      const longest = await mutate('POST', '/admin/api/session/password', session, { currentPassword: user.password, newPassword: 'ب'.repeat(512) });
      expect(longest.statusCode, longest.body).toBe(200);
    });
  });

  describe('lockout', () => {
    it('locks an account after 5 failures (429 with Retry-After), even for the right password, until the window ends', async () => {
      const user = await seedUser(env, 'author');
      for (let i = 1; i <= 5; i++) {
        const failed = await login(user.email, `wrong-password-${i}`);
        expect(failed.statusCode, `failure ${i}: ${failed.body}`).toBe(401);
      }
      const locked = await login(user.email, user.password);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('RATE_LIMITED');
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(locked.cookies).toHaveLength(0);
      // Another account is not locked by this one's failures.
      const other = await seedUser(env, 'author');
      expect((await login(other.email, other.password)).statusCode).toBe(200);

      env.advance(retryAfter * 1000);
      expect((await login(user.email, user.password)).statusCode).toBe(200);
    });

    it('a success clears earlier failures', async () => {
      const user = await seedUser(env, 'author');
      for (let i = 0; i < 4; i++) await login(user.email, 'wrong-password!');
      expect((await login(user.email, user.password)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login(user.email, 'wrong-password!')).statusCode).toBe(401);
      expect((await login(user.email, user.password)).statusCode).toBe(200);
    });
  });

  describe('users (admins only)', () => {
    it('refuses the users endpoints to every role but admin (403)', async () => {
      for (const role of ['editor', 'author', 'contributor'] as const) {
        const user = await seedUser(env, role);
        const session = await signIn(user.email, user.password);
        const list = await inject({ method: 'GET', url: '/admin/api/users', headers: { cookie: session.cookie } });
        expect(list.statusCode, role).toBe(403);
        expect(list.json().error.code).toBe('FORBIDDEN');
        const create = await mutate('POST', '/admin/api/users', session, { email: `x-${role}@khabar.example`, name: 'س', role: 'admin', password: 'كلمة-سر-طويلة-9' });
        expect(create.statusCode, role).toBe(403);
        const promote = await mutate('PATCH', `/admin/api/users/${user.id}`, session, { role: 'admin' });
        expect(promote.statusCode, role).toBe(403);
        expect((await env.site.khabar.store.users.findById(user.id))?.role).toBe(role);
      }
      expect(await env.site.khabar.store.users.findByEmail('x-editor@khabar.example')).toBeNull();
    });

    it('lets an admin list users, create one, change a role (applied at the next request), and keeps the last admin', async () => {
      const admin = await seedUser(env, 'admin');
      const session = await signIn(admin.email, admin.password);
      const list = await inject({ method: 'GET', url: '/admin/api/users', headers: { cookie: session.cookie } });
      expect(list.statusCode).toBe(200);
      const users = list.json().users as Array<Record<string, unknown>>;
      expect(users.map((u) => u.email)).toContain(admin.email);
      expect(JSON.stringify(users)).not.toMatch(/argon2|passwordHash/);

      const created = await mutate('POST', '/admin/api/users', session, { email: 'Nadia@Khabar.example', name: 'نادية', role: 'contributor', password: 'كلمة-سر-نادية-1' });
      expect(created.statusCode, created.body).toBe(201);
      const nadia = created.json().user;
      expect(nadia).toMatchObject({ email: 'nadia@khabar.example', role: 'contributor', canLogIn: true });
      const again = await mutate('POST', '/admin/api/users', session, { email: 'nadia@khabar.example', name: 'x', role: 'author', password: 'كلمة-سر-نادية-1' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('EMAIL_TAKEN');
      const badRole = await mutate('POST', '/admin/api/users', session, { email: 'z@khabar.example', name: 'x', role: 'owner', password: 'كلمة-سر-نادية-1' });
      expect(badRole.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'role' });

      const nadiaSession = await signIn('nadia@khabar.example', 'كلمة-سر-نادية-1');
      expect((await inject({ method: 'GET', url: '/admin/api/users', headers: { cookie: nadiaSession.cookie } })).statusCode).toBe(403);
      const promoted = await mutate('PATCH', `/admin/api/users/${nadia.id}`, session, { role: 'admin' });
      expect(promoted.statusCode, promoted.body).toBe(200);
      expect(promoted.json().user.role).toBe('admin');
      expect((await me(nadiaSession.cookie)).json().user.role).toBe('admin');
      expect((await inject({ method: 'GET', url: '/admin/api/users', headers: { cookie: nadiaSession.cookie } })).statusCode).toBe(200);

      expect((await mutate('PATCH', '/admin/api/users/999999', session, { role: 'editor' })).statusCode).toBe(404);
      // Demote every admin but one, then the last one cannot lose the role.
      const admins = (await env.site.khabar.store.users.list()).filter((u) => u.role === 'admin' && u.id !== admin.id);
      for (const other of admins) expect((await mutate('PATCH', `/admin/api/users/${other.id}`, session, { role: 'editor' })).statusCode).toBe(200);
      const last = await mutate('PATCH', `/admin/api/users/${admin.id}`, session, { role: 'editor' });
      expect(last.statusCode).toBe(400);
      expect(last.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'role' });
    });
  });

  describe('invitations', () => {
    it('invites a user with a one-time link; accepting sets the password and signs in, once', async () => {
      const admin = await seedUser(env, 'admin');
      const session = await signIn(admin.email, admin.password);
      const res = await mutate('POST', '/admin/api/users', session, { email: 'omar@khabar.example', name: 'عمر', role: 'author' });
      expect(res.statusCode, res.body).toBe(201);
      const { user, invitation } = res.json();
      expect(user).toMatchObject({ role: 'author', canLogIn: false });
      expect(invitation.link).toBe(`${ORIGIN}/admin/invitation#${invitation.token}`);
      expect(new Date(invitation.expiresAt).getTime()).toBe(env.clock.ms + 72 * HOUR);
      // No password yet: nobody can log in as the invited user.
      expect((await login('omar@khabar.example', 'anything-at-all')).statusCode).toBe(401);

      const accept = (password: string, headers: Record<string, string> = { origin: ORIGIN }) =>
        inject({ method: 'POST', url: `/admin/api/invitations/${invitation.token}`, headers, payload: { password } });
      expect((await accept('قصيرة')).json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'password' });
      expect((await accept('كلمة-سر-عمر-الجديدة', { origin: 'https://evil.example' })).statusCode).toBe(403);
      const accepted = await accept('كلمة-سر-عمر-الجديدة');
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().user).toMatchObject({ email: 'omar@khabar.example', canLogIn: true });
      expect((await me(`khabar_session=${cookieOf(accepted)}`)).json().user.email).toBe('omar@khabar.example');
      expect((await login('omar@khabar.example', 'كلمة-سر-عمر-الجديدة')).statusCode).toBe(200);

      const twice = await accept('كلمة-سر-أخرى-طويلة');
      expect(twice.statusCode).toBe(410);
      expect(twice.json().error.code).toBe('INVITATION_INVALID');
      expect((await login('omar@khabar.example', 'كلمة-سر-عمر-الجديدة')).statusCode).toBe(200);
      const unknown = await inject({ method: 'POST', url: '/admin/api/invitations/not-a-token', headers: { origin: ORIGIN }, payload: { password: 'كلمة-سر-طويلة-1' } });
      expect(unknown.statusCode).toBe(410);
    });

    it('refuses an expired invitation', async () => {
      const admin = await seedUser(env, 'admin');
      const session = await signIn(admin.email, admin.password);
      const res = await mutate('POST', '/admin/api/users', session, { email: 'late@khabar.example', name: 'متأخر', role: 'contributor' });
      const { invitation } = res.json();
      env.advance(72 * HOUR);
      const late = await inject({ method: 'POST', url: `/admin/api/invitations/${invitation.token}`, headers: { origin: ORIGIN }, payload: { password: 'كلمة-سر-طويلة-1' } });
      expect(late.statusCode).toBe(410);
      expect((await env.site.khabar.store.users.findByEmail('late@khabar.example'))?.passwordHash).toBeNull();
    });
  });
});

describe('admin API: login limit per address', () => {
  const env = accountsSite(storeKinds[0]!, { accounts: { login: { maxFailuresPerEmail: 100, maxAttemptsPerIp: 3, windowMinutes: 10 } } });

  it('refuses a fourth attempt from one address within the window, whatever the account, and not other addresses', async () => {
    const user = await seedUser(env, 'author');
    const attempt = (email: string, ip: string) =>
      env.site.khabar.app.inject({ method: 'POST', url: '/admin/api/session', remoteAddress: ip, headers: { origin: ORIGIN }, payload: { email, password: 'wrong-password!' } });
    for (let i = 0; i < 3; i++) expect((await attempt(`guess${i}@khabar.example`, '203.0.113.7')).statusCode).toBe(401);
    const refused = await attempt(user.email, '203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(user.email, '198.51.100.9')).statusCode).toBe(401);
    env.advance(10 * MINUTE);
    expect((await attempt(user.email, '203.0.113.7')).statusCode).toBe(401);
  });
});

/** A route module as the comment moderation will mount one, to prove what the admin API gives it. */
const probeRoutes: AdminRouteModule = (scope) => {
  scope.get('/probe', async (request) => ({ actor: requireActor(request) }));
  scope.post('/probe', async (request) => {
    authorize(requireActor(request), 'comments.moderateAny');
    return { moderated: true };
  });
};

describe('admin API: route modules mounted by other features', () => {
  const env = accountsSite(storeKinds[0]!, {}, [probeRoutes]);
  const inject = (options: InjectOptions) => env.site.khabar.app.inject(options);

  it('get the session, CSRF checks, JSON errors and private caching of the admin API', async () => {
    expect((await inject({ method: 'GET', url: '/admin/api/probe' })).json().error.code).toBe('UNAUTHENTICATED');
    const results: Record<string, { status: number; code?: string }> = {};
    for (const role of ['author', 'editor'] as const) {
      const user = await seedUser(env, role);
      const login = await inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email: user.email, password: user.password } });
      const cookie = `khabar_session=${cookieOf(login)}`;
      const csrf = login.json().csrfToken as string;
      const get = await inject({ method: 'GET', url: '/admin/api/probe', headers: { cookie } });
      expect(get.json()).toEqual({ actor: { kind: 'user', userId: user.id, role } });
      expect(get.headers['cache-control']).toBe('private, no-store');
      const forged = await inject({ method: 'POST', url: '/admin/api/probe', headers: { cookie, origin: ORIGIN } });
      expect(forged.json().error.code).toBe('CSRF_INVALID');
      const post = await inject({ method: 'POST', url: '/admin/api/probe', headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf } });
      results[role] = { status: post.statusCode, code: post.statusCode === 200 ? undefined : post.json().error.code };
    }
    expect(results).toEqual({ author: { status: 403, code: 'FORBIDDEN' }, editor: { status: 200, code: undefined } });
  });
});

describe('admin API: secureCookies', () => {
  const env = accountsSite(storeKinds[0]!, { accounts: { secureCookies: true } });

  it('marks the session cookie Secure even on a plain-HTTP request', async () => {
    const user = await seedUser(env, 'author');
    const res = await env.site.khabar.app.inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email: user.email, password: user.password } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'khabar_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});
