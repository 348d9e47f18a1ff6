/** Conversions between domain values and the stored forms of docs/decisions/002-store-conventions.md. */

export function toIso(date: Date): string {
  return date.toISOString();
}

export function toIsoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

export function fromIso(value: string): Date {
  return new Date(value);
}

export function fromIsoOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

export function toFlag(value: boolean | undefined, fallback = false): number {
  return (value ?? fallback) ? 1 : 0;
}

/** PostgreSQL returns bigint aggregates as strings; SQLite as numbers. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A LIKE pattern (lower-cased, wildcards escaped with `\\`) for "contains `text`"; use with `escape '\\'`. */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
