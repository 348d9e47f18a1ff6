import { can, type AccessResource, type Actor, type Capability } from '../domain/access.js';
import { AppError } from '../errors/AppError.js';

/**
 * Throws FORBIDDEN unless `actor` may use `capability` (on `resource`). Operations call it before
 * they read or write anything; without a resource an "own only" answer also passes, and the
 * operation must then narrow its query to the actor's own items.
 *
 * @example authorize(actor, 'users.manage')
 */
export function authorize(actor: Actor, capability: Capability, resource?: AccessResource): void {
  const decision = can(actor, capability, resource);
  if (decision.effect === 'deny') {
    throw new AppError('FORBIDDEN', `this role may not use ${capability}`, { capability });
  }
}
