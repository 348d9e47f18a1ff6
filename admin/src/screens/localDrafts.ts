import type { ArticleFields } from '../api/articles.js';

/** A copy of an article being written, kept in this browser so nothing is lost (no server, conflict, crash). */
export interface LocalDraft {
  fields: ArticleFields;
  /** The server version the edits started from (null: never saved). */
  baseVersion: number | null;
  savedAt: string;
}

const keyOf = (id: number | null) => `khabar.admin.draft.${id ?? 'new'}`;

export function readLocalDraft(id: number | null): LocalDraft | null {
  try {
    const raw = localStorage.getItem(keyOf(id));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(id: number | null, draft: LocalDraft): void {
  try {
    localStorage.setItem(keyOf(id), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy is then the only one.
  }
}

export function clearLocalDraft(id: number | null): void {
  try {
    localStorage.removeItem(keyOf(id));
  } catch {
    // nothing kept
  }
}
