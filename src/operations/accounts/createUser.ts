import type { Actor } from '../../domain/access.js';
import { toAccount, type Account, type Role } from '../../domain/user.js';
import { AppError } from '../../errors/AppError.js';
import { authorize } from '../authorize.js';
import type { Repositories } from '../../store/ports.js';
import type { AccountsDeps } from './AccountsDeps.js';
import { checkDisplayName, checkEmail, checkNewPassword, checkRole } from './validateAccount.js';

export interface CreateUserInput {
  email: string;
  displayName: string;
  role: Role;
  /** Null or absent: the user cannot log in until an invitation is accepted. */
  password?: string | null;
}

/**
 * Creates an account (admins, and the operator at the CLI). EMAIL_TAKEN when the email is used,
 * INVALID_INPUT naming the field otherwise.
 *
 * @example await createUser(deps, systemActor('cli'), { email: 'a@b.ma', displayName: 'سلمى', role: 'admin', password })
 */
export async function createUser(
  deps: { store: Pick<Repositories, 'users'>; passwords: AccountsDeps['passwords'] },
  actor: Actor,
  input: CreateUserInput,
): Promise<Account> {
  authorize(actor, 'users.manage');
  const email = checkEmail(input.email);
  const displayName = checkDisplayName(input.displayName);
  const role = checkRole(input.role);
  const password = input.password === null || input.password === undefined ? null : checkNewPassword(input.password);
  if (await deps.store.users.findByEmail(email)) throw emailTaken(email);
  const passwordHash = password === null ? null : await deps.passwords.hash(password);
  try {
    return toAccount(await deps.store.users.create({ email, displayName, role, passwordHash }));
  } catch (error) {
    // Two creations racing for one email: the unique index decides.
    if (await deps.store.users.findByEmail(email)) throw emailTaken(email);
    throw error;
  }
}

function emailTaken(email: string): AppError {
  return new AppError('EMAIL_TAKEN', `an account already uses ${email}`, { field: 'email' });
}
