import type { MediaEdit } from '../../domain/media.js';
import { AppError } from '../../errors/AppError.js';

const LIMITS = { alt: 1000, caption: 2000, credit: 300 } as const;

function text(value: unknown, field: keyof typeof LIMITS, nullable: boolean): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') {
    if (nullable) return null;
    return '';
  }
  if (typeof value !== 'string') throw new AppError('INVALID_INPUT', `${field} must be text`, { field });
  const trimmed = value.normalize('NFC').trim();
  if ([...trimmed].length > LIMITS[field]) throw new AppError('INVALID_INPUT', `${field} is longer than ${LIMITS[field]} characters`, { field });
  return trimmed === '' && nullable ? null : trimmed;
}

function fraction(value: unknown, field: 'focalX' | 'focalY'): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new AppError('INVALID_INPUT', `${field} must be a number from 0 to 1 (a fraction of the ${field === 'focalX' ? 'width' : 'height'})`, { field });
  }
  return n;
}

/**
 * Alt text, caption, credit and focal point from a request, checked: text trimmed and capped
 * (alt 1,000, caption 2,000, credit 300 characters), focal point fractions 0–1. Absent fields
 * stay absent; empty caption or credit means none.
 */
export function validateMediaFields(input: Record<string, unknown>): Omit<MediaEdit, 'variants'> {
  const edit: Omit<MediaEdit, 'variants'> = {};
  const alt = text(input.alt, 'alt', false);
  if (alt !== undefined) edit.alt = alt ?? '';
  const caption = text(input.caption, 'caption', true);
  if (caption !== undefined) edit.caption = caption;
  const credit = text(input.credit, 'credit', true);
  if (credit !== undefined) edit.credit = credit;
  const focalX = fraction(input.focalX, 'focalX');
  if (focalX !== undefined) edit.focalX = focalX;
  const focalY = fraction(input.focalY, 'focalY');
  if (focalY !== undefined) edit.focalY = focalY;
  return edit;
}
