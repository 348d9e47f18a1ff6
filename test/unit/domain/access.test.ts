import { describe, expect, it } from 'vitest';
import { can, capabilities, systemActor, userActor, type Capability } from '../../../src/domain/access.js';
import { articleStatuses } from '../../../src/domain/article.js';
import { roles, type Role } from '../../../src/domain/user.js';

/**
 * WordPress's roles, written out by hand (not derived from the table under test):
 * Y = allowed, O = own items only, D = own items only while unpublished, - = denied.
 */
const expected: Record<Capability, Record<Role, 'Y' | 'O' | 'D' | '-'>> = {
  'articles.create': { contributor: 'Y', author: 'Y', editor: 'Y', admin: 'Y' },
  'articles.submitForReview': { contributor: 'Y', author: 'Y', editor: 'Y', admin: 'Y' },
  'articles.editOwn': { contributor: 'D', author: 'O', editor: 'O', admin: 'O' },
  'articles.editAny': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'articles.publishOwn': { contributor: '-', author: 'O', editor: 'O', admin: 'O' },
  'articles.publishAny': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'articles.deleteOwn': { contributor: 'D', author: 'O', editor: 'O', admin: 'O' },
  'articles.deleteAny': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'media.upload': { contributor: '-', author: 'Y', editor: 'Y', admin: 'Y' },
  'media.editAny': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'media.delete': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'comments.moderateOwnArticles': { contributor: '-', author: 'O', editor: 'O', admin: 'O' },
  'comments.moderateAny': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'taxonomy.manage': { contributor: '-', author: '-', editor: 'Y', admin: 'Y' },
  'users.manage': { contributor: '-', author: '-', editor: '-', admin: 'Y' },
  'settings.manage': { contributor: '-', author: '-', editor: '-', admin: 'Y' },
  'content.import': { contributor: '-', author: '-', editor: '-', admin: 'Y' },
};

const ME = 7;
const SOMEONE_ELSE = 8;

describe('the access policy', () => {
  it('covers every capability in the expected matrix, and at least the ones the issue names', () => {
    expect(Object.keys(expected).sort()).toEqual([...capabilities].sort());
  });

  for (const role of roles) {
    describe(role, () => {
      for (const capability of capabilities) {
        const want = expected[capability][role];
        it(`${capability}: ${want}`, () => {
          const actor = userActor(ME, role);
          const bare = can(actor, capability);
          const mineDraft = can(actor, capability, { ownerUserIds: [SOMEONE_ELSE, ME], status: 'draft' });
          const minePublished = can(actor, capability, { ownerUserIds: [ME], status: 'published' });
          const theirsDraft = can(actor, capability, { ownerUserIds: [SOMEONE_ELSE], status: 'draft' });
          const theirsPublished = can(actor, capability, { ownerUserIds: [SOMEONE_ELSE], status: 'published' });
          switch (want) {
            case 'Y':
              for (const decision of [bare, mineDraft, minePublished, theirsDraft, theirsPublished]) expect(decision).toEqual({ effect: 'allow' });
              break;
            case '-':
              for (const decision of [bare, mineDraft, minePublished, theirsDraft, theirsPublished]) expect(decision).toEqual({ effect: 'deny' });
              break;
            case 'O':
              expect(bare).toEqual({ effect: 'own', userId: ME, unpublishedOnly: false });
              expect(mineDraft).toEqual({ effect: 'allow' });
              expect(minePublished).toEqual({ effect: 'allow' });
              expect(theirsDraft).toEqual({ effect: 'deny' });
              expect(theirsPublished).toEqual({ effect: 'deny' });
              break;
            case 'D':
              expect(bare).toEqual({ effect: 'own', userId: ME, unpublishedOnly: true });
              expect(mineDraft).toEqual({ effect: 'allow' });
              expect(minePublished).toEqual({ effect: 'deny' });
              expect(theirsDraft).toEqual({ effect: 'deny' });
              expect(theirsPublished).toEqual({ effect: 'deny' });
              break;
          }
        });
      }
    });
  }

  it("limits a contributor's own articles to the states readers cannot see", () => {
    const contributor = userActor(ME, 'contributor');
    const visible = new Set(['published', 'scheduled']);
    for (const status of articleStatuses) {
      const decision = can(contributor, 'articles.editOwn', { ownerUserIds: [ME], status });
      expect(decision.effect, status).toBe(visible.has(status) ? 'deny' : 'allow');
    }
    // Without a status the policy cannot tell: it refuses.
    expect(can(contributor, 'articles.deleteOwn', { ownerUserIds: [ME] }).effect).toBe('deny');
  });

  it('lets the operator at the command line do everything', () => {
    for (const capability of capabilities) expect(can(systemActor('cli'), capability)).toEqual({ effect: 'allow' });
  });

  it('denies a role it does not know', () => {
    expect(can({ kind: 'user', userId: ME, role: 'owner' as Role }, 'articles.create')).toEqual({ effect: 'deny' });
  });
});
