import { passwordProblem } from '../../domain/passwordRules.js';
import { isRole, type Role } from '../../domain/user.js';
import { AppError } from '../../errors/AppError.js';

/** Labels of the domain never contain a dot, so the match cannot backtrack (checked with recheck). */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Lower-cased, trimmed email; INVALID_INPUT when it does not look like one. */
export function checkEmail(value: unknown): string {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('INVALID_INPUT', 'expected an email address such as salma@example.ma', { field: 'email' });
  return email;
}

export function checkDisplayName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length < 1 || name.length > 250) throw new AppError('INVALID_INPUT', 'the name must have 1 to 250 characters', { field: 'name' });
  return name;
}

export function checkRole(value: unknown): Role {
  if (!isRole(value)) throw new AppError('INVALID_INPUT', 'the role must be one of admin, editor, author, contributor', { field: 'role' });
  return value;
}

export function checkNewPassword(value: unknown, field = 'password'): string {
  if (typeof value !== 'string') throw new AppError('INVALID_INPUT', 'a password is required', { field });
  const problem = passwordProblem(value);
  if (problem) throw new AppError('INVALID_INPUT', problem, { field });
  return value;
}
