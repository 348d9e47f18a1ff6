import type { InjectOptions } from 'fastify';
import { systemActor } from '../../src/domain/access.js';
import type { Role } from '../../src/domain/user.js';
import type { Khabar } from '../../src/main.js';
import { createUser } from '../../src/operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../src/operations/accounts/passwordHasher.js';

export const ORIGIN = 'https://khabar.example';
const PASSWORD = 'كلمة-سر-طويلة-للتحرير';
const passwords = createArgon2PasswordHasher();

export interface AdminSession {
  cookie: string;
  csrf: string;
  userId: number;
}

/** Creates users with these roles and logs each in through the admin API. */
export async function signIn<W extends string>(khabar: Khabar, roles: Record<W, Role>): Promise<Record<W, AdminSession>> {
  const out = {} as Record<W, AdminSession>;
  for (const [who, role] of Object.entries(roles) as [W, Role][]) {
    const email = `${who.toLowerCase()}@khabar.example`;
    const user = await createUser({ store: khabar.store, passwords }, systemActor('test'), { email, displayName: `${who} الاسم`, role, password: PASSWORD });
    const res = await khabar.app.inject({ method: 'POST', url: '/admin/api/session', headers: { origin: ORIGIN }, payload: { email, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login of ${who} failed: ${res.body}`);
    const token = res.cookies.find((c) => c.name === 'khabar_session')!.value;
    out[who] = { cookie: `khabar_session=${token}`, csrf: res.json().csrfToken as string, userId: user.id };
  }
  return out;
}

/** An admin API call as `session` (or anonymous), with the origin and CSRF token a browser sends. */
export function callAs(khabar: Khabar, session: AdminSession | null, method: InjectOptions['method'], url: string, payload?: object) {
  return khabar.app.inject({
    method,
    url,
    headers: { origin: ORIGIN, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
    ...(payload ? { payload } : {}),
  });
}
