import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const NOW = new Date('2026-11-29T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;
const hash = (n: number) => n.toString(16).padStart(64, '0');

// "store contract [kind]" in the name: scripts/check-store-suites.js counts these tests per store.
for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract [${kind.name}]: accounts`, () => {
    let handle: TestStore;
    let store: Store;

    beforeEach(async () => {
      handle = await kind.open({ now: () => NOW });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    const user = (email: string, role: 'admin' | 'editor' | 'author' | 'contributor' = 'author', displayName = 'سلمى') =>
      store.users.create({ email, displayName, role, passwordHash: null });

    it('finds, lists, counts and updates users without bumping the content version', async () => {
      const version = await store.contentVersion();
      const b = await user('b@khabar.example', 'admin', 'بشرى');
      const a = await user('a@khabar.example', 'editor', 'أمينة');
      const c = await user('c@khabar.example', 'admin', 'أمينة');
      expect((await store.users.findById(b.id))?.email).toBe('b@khabar.example');
      expect(await store.users.findById(999_999)).toBeNull();
      expect((await store.users.list()).map((u) => u.id)).toEqual([a.id, c.id, b.id]);
      expect(await store.users.countByRole('admin')).toBe(2);
      expect(await store.users.countByRole('contributor')).toBe(0);

      expect(await store.users.setRole(b.id, 'contributor')).toBe(true);
      expect(await store.users.setRole(999_999, 'admin')).toBe(false);
      expect((await store.users.findById(b.id))?.role).toBe('contributor');
      await expect(store.users.setRole(b.id, 'owner' as 'admin')).rejects.toThrow();

      expect(await store.users.setPasswordHash(a.id, '$argon2id$v=19$…')).toBe(true);
      expect((await store.users.findByEmail('A@khabar.example'))?.passwordHash).toBe('$argon2id$v=19$…');
      expect(await store.contentVersion()).toBe(version);
    });

    it('keeps sessions by token hash, slides them, and ends them one, per user or when expired', async () => {
      const salma = await user('salma@khabar.example');
      const omar = await user('omar@khabar.example');
      const s1 = await store.sessions.create({ tokenHash: hash(1), userId: salma.id, expiresAt: later(DAY), ipHash: hash(99), userAgent: 'Firefox' });
      const s2 = await store.sessions.create({ tokenHash: hash(2), userId: salma.id, expiresAt: later(2 * DAY), createdAt: later(1000) });
      const s3 = await store.sessions.create({ tokenHash: hash(3), userId: omar.id, expiresAt: later(-1) });
      expect(s1).toMatchObject({ tokenHash: hash(1), userId: salma.id, ipHash: hash(99), userAgent: 'Firefox' });
      expect(s1.createdAt.toISOString()).toBe(NOW.toISOString());
      expect(s1.lastSeenAt.toISOString()).toBe(NOW.toISOString());
      expect(s2.createdAt.toISOString()).toBe(later(1000).toISOString());
      expect(s2).toMatchObject({ ipHash: null, userAgent: null });

      const found = await store.sessions.findByTokenHash(hash(1));
      expect(found?.id).toBe(s1.id);
      expect(found?.expiresAt.toISOString()).toBe(later(DAY).toISOString());
      expect(await store.sessions.findByTokenHash(hash(4))).toBeNull();
      await expect(store.sessions.create({ tokenHash: hash(1), userId: omar.id, expiresAt: later(DAY) })).rejects.toThrow();

      await store.sessions.touch(s1.id, later(60_000), later(3 * DAY));
      const touched = await store.sessions.findByTokenHash(hash(1));
      expect(touched?.lastSeenAt.toISOString()).toBe(later(60_000).toISOString());
      expect(touched?.expiresAt.toISOString()).toBe(later(3 * DAY).toISOString());

      expect(await store.sessions.deleteExpired(NOW)).toBe(1);
      expect(await store.sessions.findByTokenHash(hash(3))).toBeNull();

      const s5 = await store.sessions.create({ tokenHash: hash(5), userId: salma.id, expiresAt: later(DAY) });
      expect(await store.sessions.countForUser(salma.id)).toBe(3);
      expect(await store.sessions.deleteForUser(salma.id, s5.id)).toBe(2);
      expect((await store.sessions.findByTokenHash(hash(5)))?.id).toBe(s5.id);
      expect(await store.sessions.findByTokenHash(hash(2))).toBeNull();
      await store.sessions.delete(s5.id);
      expect(await store.sessions.countForUser(salma.id)).toBe(0);

      await store.sessions.create({ tokenHash: hash(6), userId: omar.id, expiresAt: later(DAY) });
      expect(await store.sessions.deleteForUser(omar.id)).toBe(1);
      await expect(store.sessions.create({ tokenHash: hash(7), userId: 999_999, expiresAt: later(DAY) })).rejects.toThrow();
    });

    it('uses an invitation once, even when two accepts race', async () => {
      const admin = await user('admin@khabar.example', 'admin');
      const invited = await user('new@khabar.example', 'contributor');
      const invitation = await store.invitations.create({ tokenHash: hash(10), userId: invited.id, createdBy: admin.id, expiresAt: later(3 * DAY) });
      expect(invitation).toMatchObject({ userId: invited.id, createdBy: admin.id, usedAt: null });
      expect(invitation.expiresAt.toISOString()).toBe(later(3 * DAY).toISOString());
      expect((await store.invitations.findByTokenHash(hash(10)))?.id).toBe(invitation.id);
      expect(await store.invitations.findByTokenHash(hash(11))).toBeNull();

      const results = await Promise.all([store.invitations.markUsed(invitation.id, later(1)), store.invitations.markUsed(invitation.id, later(2))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.invitations.markUsed(invitation.id, later(3))).toBe(false);
      expect((await store.invitations.findByTokenHash(hash(10)))?.usedAt).not.toBeNull();

      const byOperator = await store.invitations.create({ tokenHash: hash(12), userId: invited.id, createdBy: null, expiresAt: later(DAY) });
      expect(byOperator.createdBy).toBeNull();
      await expect(store.invitations.create({ tokenHash: hash(12), userId: invited.id, createdBy: null, expiresAt: later(DAY) })).rejects.toThrow();
    });

    it('writes sessions inside a transaction all or nothing', async () => {
      const salma = await user('salma@khabar.example');
      await expect(
        store.transaction(async (repos) => {
          await repos.sessions.create({ tokenHash: hash(20), userId: salma.id, expiresAt: later(DAY) });
          await repos.users.setPasswordHash(salma.id, 'x');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.sessions.findByTokenHash(hash(20))).toBeNull();
      expect((await store.users.findById(salma.id))?.passwordHash).toBeNull();
    });
  });
}
