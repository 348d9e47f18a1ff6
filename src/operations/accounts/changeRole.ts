import type { Actor } from '../../domain/access.js';
import { toAccount, type Account } from '../../domain/user.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import type { AccountsDeps } from './AccountsDeps.js';
import { checkRole } from './validateAccount.js';

/**
 * Gives a user another role (admins only). The last admin cannot lose the role: a site without an
 * admin could only be repaired at the command line. The new role applies at the user's next request.
 */
export async function changeRole(deps: Pick<AccountsDeps, 'store'>, actor: Actor, input: { userId: number; role: string }): Promise<Account> {
  authorize(actor, 'users.manage');
  const role = checkRole(input.role);
  const user = Number.isInteger(input.userId) ? await deps.store.users.findById(input.userId) : null;
  if (!user) throw new AppError('NOT_FOUND', `no user ${String(input.userId)}`, { field: 'id' });
  if (user.role === 'admin' && role !== 'admin' && (await deps.store.users.countByRole('admin')) <= 1) {
    throw new AppError('INVALID_INPUT', 'the last admin cannot lose the admin role', { field: 'role' });
  }
  if (user.role !== role) {
    await deps.store.transaction(async (repos) => {
      await repos.users.setRole(user.id, role);
      await repos.audit.record({
        actorUserId: actor.kind === 'user' ? actor.userId : null,
        actorLabel: actor.kind === 'user' ? `user:${actor.userId}` : `system:${actor.name}`,
        action: 'user.role',
        targetType: 'user',
        targetId: String(user.id),
        details: { from: user.role, to: role },
      });
    });
  }
  return toAccount({ ...user, role });
}
