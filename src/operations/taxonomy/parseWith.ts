import type { z } from 'zod';
import { AppError } from '../../errors/AppError.js';

/** Parses `input` with `schema` or throws INVALID_INPUT naming the first bad field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? (issue as { keys?: string[] }).keys?.[0] ?? '');
  throw new AppError('INVALID_INPUT', `${field || 'input'}: ${issue.message}`, { field });
}
