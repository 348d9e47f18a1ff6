import type { Actor } from '../../domain/access.js';
import { toAccount, type Account } from '../../domain/user.js';
import { authorize } from '../authorize.js';
import type { AccountsDeps } from './AccountsDeps.js';

/** Every account, for admins. */
export async function listUsers(deps: Pick<AccountsDeps, 'store'>, actor: Actor): Promise<Account[]> {
  authorize(actor, 'users.manage');
  return (await deps.store.users.list()).map(toAccount);
}
