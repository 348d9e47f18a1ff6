import type { Permalink } from '../../domain/permalink.js';
import type { MediaDeps } from '../../operations/media/MediaDeps.js';
import type { ImportKind, Repositories } from '../../store/ports.js';
import type { Tally } from './ImportReport.js';
import type { WxrScan } from './scanWxr.js';

/** A section as the importer keeps it in memory (for %category% paths). */
export interface KnownSection {
  id: number;
  slug: string;
  parentId: number | null;
}

/**
 * What the import knows across batches. Batches change it only through `stage`, whose changes
 * apply once the batch committed, so a batch that rolls back leaves no trace here either.
 */
export interface ImportState {
  source: string;
  permalink: Permalink;
  /** Big imports rebuild the search index once at the end instead of indexing batch by batch. */
  indexAtEnd: boolean;
  /** WordPress login → author profile id and slug. */
  authors: Map<string, { id: number; slug: string }>;
  /** Cleaned category slug → section. */
  sections: Map<string, KnownSection>;
  sectionsById: Map<number, KnownSection>;
  /** Section id → "parent/child" path; cleared whenever a section is added or moved. */
  sectionPaths: Map<number, string>;
  /** Cleaned tag slug → tag id. */
  tags: Map<string, number>;
  /** Category slug → its parent's slug, fixed up once every category is written. */
  sectionParents: Map<string, string>;
  /** New paths of published posts that have attachments, by WordPress id (attachment pages redirect there). */
  postPaths: Map<string, string>;
  /** Article id → the attachment WordPress id of its featured image, set once media exist. */
  pendingFeatured: Map<number, string>;
  /** Attachment pages, redirected at the end (their parent may come later in the file). */
  attachmentPages: Array<{ from: string; parentWpId: string | null; fileUrl: string }>;
  /** Old file URL → the copy's URL (--uploads). */
  movedFiles: Map<string, string>;
  menus: Map<string, Array<{ title: string; type: string; object: string; target: string | null }>>;
}

/** One batch's view: the transaction's repositories, its tally, and staged state changes. */
export interface BatchContext {
  tx: Repositories;
  tally: Tally;
  state: ImportState;
  scan: WxrScan;
  now: Date;
  stage(change: () => void): void;
  /** Rows this batch made on the fly (bylines, sections and tags named only by items), by "kind:key". */
  local: Map<string, number>;
  /** Looked up once for the whole batch (one query each, not one per row). */
  prefetch: {
    keys: Map<ImportKind, Map<string, number>>;
    /** Article slugs taken (slug → id), this batch's own included as they are written. */
    slugs: Map<string, number>;
    /** WordPress post ids already used as article ids. */
    idsTaken: Set<number>;
  };
  /** Written once at the end of the batch, in its transaction. */
  deferred: {
    keys: Map<ImportKind, Array<{ sourceId: string; id: number }>>;
    redirects: Map<string, string>;
    recount: Set<number>;
  };
  /** Set with --uploads: copies files through the media library (variants made). */
  uploads: { dir: string; media: MediaDeps } | null;
}
