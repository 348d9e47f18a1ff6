import type { ArticleCard } from '../../domain/article.js';
import { surrogateKey as k } from '../../domain/surrogateKeys.js';
import type { SectionIndex } from '../site/sectionDirectory.js';
import type { FrameData } from './readFrame.js';
import type { PublicOutcome } from './readPublicPath.js';


/** Adders of keys into `keys`, shared by every kind of answer. */
function collector(keys: Set<string>) {
  const add = (...more: string[]) => {
    for (const key of more) keys.add(key);
  };
  /** A section's name and path (its ancestors' slugs are in the path). */
  const sectionLabel = (sections: SectionIndex, id: number | null) => {
    const section = id === null ? undefined : sections.byId.get(id);
    if (!section) return;
    add(k.sectionLabel(section.id), ...sections.ancestors(section).map((s) => k.sectionLabel(s.id)));
  };
  const cards = (sections: SectionIndex, list: ReadonlyArray<ArticleCard | null>) => {
    for (const card of list) {
      if (!card) continue;
      add(k.article(card.id));
      if (card.featuredMediaId !== null) add(k.media(card.featuredMediaId));
      sectionLabel(sections, card.primarySectionId);
    }
  };
  const frame = (f: FrameData) => {
    add(k.nav, k.breaking, k.pages);
    cards(f.sections, f.breaking);
  };
  return { add, sectionLabel, cards, frame };
}

/** The keys of what every HTML page shows around its content (settings, navigation, breaking news, footer). */
export function frameKeys(frame: FrameData): string[] {
  const keys = new Set<string>([k.settings]);
  collector(keys).frame(frame);
  return [...keys];
}

/**
 * The surrogate keys of what a public answer shows (the write side is domain/surrogateKeys.ts):
 * the page cache and the read memo tag their entries with them, and Varnish/CDNs get them in
 * `Surrogate-Key`. Keys are deduplicated; order carries no meaning.
 *
 * @example outcomeKeys({ kind: 'article', data, canonicalPath, commentPage: 1 }) // includes 'article:12'
 */
export function outcomeKeys(outcome: PublicOutcome): string[] {
  const keys = new Set<string>([k.settings]);
  const { add, sectionLabel, cards, frame } = collector(keys);
  switch (outcome.kind) {
    case 'home': {
      const { data } = outcome;
      frame(data.frame);
      add(k.home);
      cards(data.frame.sections, [data.lead, ...data.featured, ...data.latest, ...data.mostRead, ...data.blocks.flatMap((b) => b.articles)]);
      for (const block of data.blocks) sectionLabel(data.frame.sections, block.section.id);
      break;
    }
    case 'archive': {
      const { data } = outcome;
      const { sections } = data.frame;
      frame(data.frame);
      const subject = data.subject;
      if (subject.kind === 'section') {
        add(k.section(subject.section.id));
        sectionLabel(sections, subject.section.id);
        for (const child of sections.children(subject.section.id)) add(k.sectionLabel(child.id));
      } else if (subject.kind === 'tag') add(k.tag(subject.tag.id), k.tagLabel(subject.tag.id));
      else add(k.author(subject.author.id), k.authorLabel(subject.author.id));
      cards(sections, data.articles);
      break;
    }
    case 'article': {
      const { data } = outcome;
      const { article } = data;
      const { sections } = data.frame;
      frame(data.frame);
      add(k.article(article.id));
      if (article.featuredMediaId !== null) add(k.media(article.featuredMediaId));
      for (const id of article.sectionIds) {
        sectionLabel(sections, id);
        add(k.relatedSection(id));
      }
      for (const id of article.tagIds) add(k.tagLabel(id), k.relatedTag(id));
      for (const id of article.authorIds) add(k.authorLabel(id));
      cards(sections, [...data.related, data.previous, data.next]);
      break;
    }
    case 'page':
      frame(outcome.frame);
      break;
    case 'feed': {
      const { scope, entries } = outcome.data;
      if (scope.kind === 'site') add(k.feed);
      else if (scope.kind === 'section') add(k.section(scope.section.id), k.sectionLabel(scope.section.id));
      else if (scope.kind === 'tag') add(k.tag(scope.tag.id), k.tagLabel(scope.tag.id));
      else add(k.author(scope.author.id), k.authorLabel(scope.author.id));
      for (const entry of entries) {
        add(k.article(entry.article.id));
        if (entry.image) add(k.media(entry.image.id));
        if (entry.section) add(k.sectionLabel(entry.section.id));
        for (const tag of entry.tags) add(k.tagLabel(tag.id));
        for (const author of entry.authors) add(k.authorLabel(author.id));
      }
      // Entry paths carry section slugs under %category% permalinks.
      add(k.sectionTree);
      break;
    }
    case 'comment-feed': {
      add(k.comments);
      const scope = outcome.data.scope;
      if (scope.kind === 'article') add(k.article(scope.article.id));
      break;
    }
    case 'redirect':
      add(k.redirect);
      break;
    case 'not-found':
      break;
  }
  return [...keys];
}
