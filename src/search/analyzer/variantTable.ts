/**
 * Lookup of the variant groups (built-in table plus site settings) by normalized word.
 */
import { stripArticle } from './affixes.js';
import { tokenize } from './tokenize.js';
import { BUILTIN_VARIANTS } from './variants.js';

export interface VariantTable {
  /** The other members of every group containing `word` (normalized, article removed too). */
  of(word: string): string[];
}

/** Builds the table from the built-in groups and `extra` groups (any spelling; normalized here). */
export function createVariantTable(extra: readonly (readonly string[])[]): VariantTable {
  const byWord = new Map<string, Set<string>>();
  for (const group of [...BUILTIN_VARIANTS, ...extra]) {
    if (!Array.isArray(group)) continue;
    const members = group
      .map((m) => (typeof m === 'string' ? tokenize(m) : []))
      .filter((words) => words.length === 1)
      .map((words) => words[0] as string);
    if (members.length < 2) continue;
    for (const m of members) {
      const keys = [m, stripArticle(m)].filter((k): k is string => k !== undefined);
      for (const key of keys) {
        const set = byWord.get(key) ?? new Set<string>();
        for (const other of members) if (other !== m) set.add(other);
        byWord.set(key, set);
      }
    }
  }
  return {
    of(word) {
      return [...(byWord.get(word) ?? [])];
    },
  };
}
