import type { ArticleStatus } from './article.js';
import type { Role } from './user.js';

/**
 * Roles with WordPress's meaning, as data (STYLE habit 8). Operations ask `can(actor, capability,
 * resource?)` before they act; routes never decide access on their own.
 */
export const capabilities = [
  'articles.create',
  'articles.submitForReview',
  'articles.editOwn',
  'articles.editAny',
  'articles.publishOwn',
  'articles.publishAny',
  'articles.deleteOwn',
  'articles.deleteAny',
  'media.upload',
  'media.editAny',
  'media.delete',
  'comments.moderateOwnArticles',
  'comments.moderateAny',
  'taxonomy.manage',
  'users.manage',
  'settings.manage',
  'content.import',
] as const;
export type Capability = (typeof capabilities)[number];

/**
 * How far a role holds a capability: `true` fully; `'unpublished'` only while the resource is not
 * (or not yet) public — WordPress's contributor edits and deletes own drafts, never a live article.
 */
export type Grant = true | 'unpublished';

const contributor: Partial<Record<Capability, Grant>> = {
  'articles.create': true,
  'articles.submitForReview': true,
  'articles.editOwn': 'unpublished',
  'articles.deleteOwn': 'unpublished',
};

const author: Partial<Record<Capability, Grant>> = {
  ...contributor,
  'articles.editOwn': true,
  'articles.deleteOwn': true,
  'articles.publishOwn': true,
  'media.upload': true,
  'comments.moderateOwnArticles': true,
};

const editor: Partial<Record<Capability, Grant>> = {
  ...author,
  'articles.editAny': true,
  'articles.publishAny': true,
  'articles.deleteAny': true,
  'media.editAny': true,
  'media.delete': true,
  'comments.moderateAny': true,
  'taxonomy.manage': true,
};

const admin: Partial<Record<Capability, Grant>> = {
  ...editor,
  'users.manage': true,
  'settings.manage': true,
  // An import writes authors, sections, every article and the permalink setting: admins only.
  'content.import': true,
};

/** The capability table: what each role may do. */
export const roleGrants: Readonly<Record<Role, Readonly<Partial<Record<Capability, Grant>>>>> = Object.freeze({
  contributor: Object.freeze(contributor),
  author: Object.freeze(author),
  editor: Object.freeze(editor),
  admin: Object.freeze(admin),
});

/** A signed-in person. */
export interface UserActor {
  kind: 'user';
  userId: number;
  role: Role;
}

/**
 * The operator at the command line (`khabar user create …`): whoever can run the CLI on the server
 * already owns the data, so the system actor passes every check. Grep for `systemActor(` to find
 * every place that acts as it.
 */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | SystemActor;

/** @example can(systemActor('cli'), 'users.manage') // { effect: 'allow' } */
export function systemActor(name: string): SystemActor {
  return { kind: 'system', name };
}

export function userActor(userId: number, role: Role): UserActor {
  return { kind: 'user', userId, role };
}

/** What a capability is checked against: whose it is and, for articles, its state. */
export interface AccessResource {
  /** Users owning the resource (an article's authors linked to users, a comment's article's authors). */
  ownerUserIds: readonly number[];
  status?: ArticleStatus;
}

/**
 * The answer of `can`: allowed, denied, or — when asked without a resource — allowed only on
 * resources the user owns (a filter to merge into a query, as Payload's access rules return).
 */
export type AccessDecision =
  | { effect: 'allow' }
  | { effect: 'deny' }
  | { effect: 'own'; userId: number; unpublishedOnly: boolean };

const OWN_SCOPED: ReadonlySet<Capability> = new Set(['articles.editOwn', 'articles.publishOwn', 'articles.deleteOwn', 'comments.moderateOwnArticles']);
const PUBLIC_STATES: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled']);

/**
 * Whether `actor` may use `capability` (on `resource`, when given).
 *
 * @example
 *   can(userActor(7, 'author'), 'articles.editOwn', { ownerUserIds: [7], status: 'published' }) // allow
 *   can(userActor(7, 'author'), 'articles.editOwn') // { effect: 'own', userId: 7, unpublishedOnly: false }
 */
export function can(actor: Actor, capability: Capability, resource?: AccessResource): AccessDecision {
  if (actor.kind === 'system') return { effect: 'allow' };
  const grant = roleGrants[actor.role]?.[capability];
  if (!grant) return { effect: 'deny' };
  if (!OWN_SCOPED.has(capability)) return { effect: 'allow' };
  const unpublishedOnly = grant === 'unpublished';
  if (!resource) return { effect: 'own', userId: actor.userId, unpublishedOnly };
  if (!resource.ownerUserIds.includes(actor.userId)) return { effect: 'deny' };
  if (unpublishedOnly && (resource.status === undefined || PUBLIC_STATES.has(resource.status))) return { effect: 'deny' };
  return { effect: 'allow' };
}

/** True only for an unconditional allow (or an owned resource that passed the checks). */
export function isAllowed(decision: AccessDecision): boolean {
  return decision.effect === 'allow';
}
