/** A section (WordPress "category"); hierarchical through parentId. */
export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  parentId: number | null;
  position: number;
}

export interface NewSection {
  slug: string;
  name: string;
  description?: string | null;
  parentId?: number | null;
  position?: number;
}

/** Slugs from the root down to `section`, joined by '/' (WordPress's %category%). */
export function sectionPath(section: Section, byId: ReadonlyMap<number, Section>): string {
  const slugs: string[] = [];
  const seen = new Set<number>();
  let current: Section | undefined = section;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    slugs.unshift(current.slug);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return slugs.join('/');
}

/** Ancestors of a section, root first, excluding the section itself. */
export function sectionAncestors(section: Section, byId: ReadonlyMap<number, Section>): Section[] {
  const out: Section[] = [];
  const seen = new Set<number>([section.id]);
  let parentId = section.parentId;
  while (parentId !== null) {
    const parent = byId.get(parentId);
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    out.unshift(parent);
    parentId = parent.parentId;
  }
  return out;
}
