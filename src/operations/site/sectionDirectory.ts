import { sectionAncestors, sectionPath, type Section } from '../../domain/section.js';
import type { SectionRepository } from '../../store/ports.js';
import { versioned } from './versioned.js';

/** All sections, indexed; small enough to hold in memory (a site has tens, at most hundreds). */
export interface SectionIndex {
  all: Section[];
  byId: ReadonlyMap<number, Section>;
  bySlug: ReadonlyMap<string, Section>;
  /** Top-level sections in navigation order. */
  roots: Section[];
  children(id: number): Section[];
  /** The section and all its descendants' ids. */
  subtreeIds(id: number): number[];
  /** Slugs root-first joined by '/', e.g. "رياضة/كرة-القدم". */
  path(section: Section): string;
  ancestors(section: Section): Section[];
}

export function indexSections(all: Section[]): SectionIndex {
  const byId = new Map(all.map((s) => [s.id, s]));
  const bySlug = new Map(all.map((s) => [s.slug, s]));
  const kids = new Map<number, Section[]>();
  for (const s of all) {
    if (s.parentId !== null && byId.has(s.parentId)) {
      const list = kids.get(s.parentId) ?? [];
      list.push(s);
      kids.set(s.parentId, list);
    }
  }
  const paths = new Map(all.map((s) => [s.id, sectionPath(s, byId)]));
  return {
    all,
    byId,
    bySlug,
    roots: all.filter((s) => s.parentId === null || !byId.has(s.parentId)),
    children: (id) => kids.get(id) ?? [],
    subtreeIds(id) {
      const out: number[] = [];
      const stack = [id];
      while (stack.length) {
        const current = stack.pop()!;
        if (out.includes(current)) continue;
        out.push(current);
        for (const child of kids.get(current) ?? []) stack.push(child.id);
      }
      return out;
    },
    path: (s) => paths.get(s.id) ?? s.slug,
    ancestors: (s) => sectionAncestors(s, byId),
  };
}

export interface SectionDirectory {
  get(): Promise<SectionIndex>;
}

/** The section tree, reloaded when the store's content version moves. */
export function createSectionDirectory(options: { sections: SectionRepository; contentVersion: () => Promise<number> }): SectionDirectory {
  return versioned(options.contentVersion, async () => indexSections(await options.sections.list()));
}
