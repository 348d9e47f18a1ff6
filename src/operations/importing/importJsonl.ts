import { slugify } from '../../domain/text/slug.js';
import type { Repositories, Store } from '../../store/ports.js';
import { mapJsonlArticle, type JsonlArticle } from './mapJsonlArticle.js';

export interface ImportJsonlDeps {
  store: Store;
  now: () => Date;
}

export interface ImportJsonlOptions {
  /** Articles written per transaction (default 500). */
  batchSize?: number;
  /** Called after each committed batch with the lines read so far. */
  onProgress?(linesRead: number, report: ImportJsonlReport): void;
}

export interface LineIssue {
  line: number;
  reason: string;
}

export interface ImportJsonlReport {
  lines: number;
  created: number;
  /** Lines whose article is already in the store (same slug and title, and same date when the line has one): re-running is harmless. */
  skipped: number;
  failed: number;
  /** The first 1,000 failures and skips, with their line numbers. */
  failures: LineIssue[];
  skips: LineIssue[];
  sectionsCreated: number;
  authorsCreated: number;
  tagsCreated: number;
  /** Created without a date (dated at import time). */
  undated: number;
  /** Created without a section. */
  uncategorized: number;
}

const MAX_ISSUES = 1000;
/** Longest line accepted (a whole article with its HTML); longer lines fail. */
const MAX_LINE = 5 * 1024 * 1024;

interface Pending {
  line: number;
  article: JsonlArticle;
}

/**
 * Imports articles from JSON Lines (one JSON object per line; blank lines ignored), streaming:
 * memory stays bounded by one batch. Each batch is one transaction (articles, new sections,
 * authors and tags, and their search index entries); a batch that fails is retried line by line,
 * so one bad line is reported with its number and never takes others down or half-writes itself.
 *
 * @example const report = await importJsonl({ store, now }, readLines('ant.jsonl'));
 */
export async function importJsonl(deps: ImportJsonlDeps, lines: AsyncIterable<string>, options: ImportJsonlOptions = {}): Promise<ImportJsonlReport> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const report: ImportJsonlReport = {
    lines: 0,
    created: 0,
    skipped: 0,
    failed: 0,
    failures: [],
    skips: [],
    sectionsCreated: 0,
    authorsCreated: 0,
    tagsCreated: 0,
    undated: 0,
    uncategorized: 0,
  };
  const fail = (line: number, reason: string) => {
    report.failed++;
    if (report.failures.length < MAX_ISSUES) report.failures.push({ line, reason });
  };
  // Ids of sections/authors/tags known to exist (committed), by slug.
  const known = { sections: new Map<string, number>(), authors: new Map<string, number>(), tags: new Map<string, number>() };
  let batch: Pending[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    try {
      const outcome = await deps.store.transaction((tx) => writeBatch(tx, items, known, deps.now()));
      merge(outcome);
    } catch {
      // Find the culprit: each line alone, in its own transaction.
      for (const item of items) {
        try {
          merge(await deps.store.transaction((tx) => writeBatch(tx, [item], known, deps.now())));
        } catch (error) {
          fail(item.line, `not written: ${(error as Error).message.split('\n')[0]?.slice(0, 200)}`);
        }
      }
    }
    options.onProgress?.(report.lines, report);
  };

  const merge = (outcome: BatchOutcome) => {
    report.created += outcome.created;
    report.undated += outcome.undated;
    report.uncategorized += outcome.uncategorized;
    for (const line of outcome.skipped) {
      report.skipped++;
      if (report.skips.length < MAX_ISSUES) report.skips.push({ line, reason: 'already imported' });
    }
    for (const kind of ['sections', 'authors', 'tags'] as const) {
      for (const [slug, id] of outcome.createdIds[kind]) known[kind].set(slug, id);
      for (const [slug, id] of outcome.foundIds[kind]) known[kind].set(slug, id);
    }
    report.sectionsCreated += outcome.createdIds.sections.size;
    report.authorsCreated += outcome.createdIds.authors.size;
    report.tagsCreated += outcome.createdIds.tags.size;
  };

  for await (const raw of lines) {
    report.lines++;
    const line = report.lines;
    if (raw.length > MAX_LINE) {
      fail(line, 'line longer than 5 MB');
      continue;
    }
    if (raw.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      fail(line, 'not valid JSON');
      continue;
    }
    const mapped = mapJsonlArticle(parsed);
    if ('error' in mapped) {
      fail(line, mapped.error);
      continue;
    }
    batch.push({ line, article: mapped });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  // The planner's statistics after the bulk write (PostgreSQL ANALYZE; nothing on SQLite).
  if (report.created > 0) await deps.store.updateStatistics();
  return report;
}

interface BatchOutcome {
  created: number;
  undated: number;
  uncategorized: number;
  skipped: number[];
  createdIds: { sections: Map<string, number>; authors: Map<string, number>; tags: Map<string, number> };
  foundIds: { sections: Map<string, number>; authors: Map<string, number>; tags: Map<string, number> };
}

/** Writes one batch inside a transaction; the maps it returns are merged only once it committed. */
async function writeBatch(
  tx: Repositories,
  items: Pending[],
  known: { sections: Map<string, number>; authors: Map<string, number>; tags: Map<string, number> },
  now: Date,
): Promise<BatchOutcome> {
  const out: BatchOutcome = {
    created: 0,
    undated: 0,
    uncategorized: 0,
    skipped: [],
    createdIds: { sections: new Map(), authors: new Map(), tags: new Map() },
    foundIds: { sections: new Map(), authors: new Map(), tags: new Map() },
  };
  const idOf = async (kind: 'sections' | 'authors' | 'tags', name: string): Promise<number | null> => {
    const slug = slugify(name);
    if (slug === '') return null;
    const cached = known[kind].get(slug) ?? out.createdIds[kind].get(slug) ?? out.foundIds[kind].get(slug);
    if (cached !== undefined) return cached;
    const existing = await tx[kind].findBySlug(slug);
    if (existing) {
      out.foundIds[kind].set(slug, existing.id);
      return existing.id;
    }
    const created = await tx[kind].create({ slug, name });
    out.createdIds[kind].set(slug, created.id);
    return created.id;
  };

  for (const { line, article } of items) {
    const publishedAt = article.publishedAt ?? now;
    const base = slugify(article.title) || 'مقال';
    let slug = base;
    let duplicate = false;
    for (let n = 2; ; n++) {
      const existing = await tx.articles.findBySlug(slug);
      if (!existing) break;
      if (existing.title === article.title && (article.publishedAt === null || existing.publishedAt?.getTime() === publishedAt.getTime())) {
        duplicate = true;
        break;
      }
      slug = `${base}-${n}`;
    }
    if (duplicate) {
      out.skipped.push(line);
      continue;
    }
    const sectionId = article.section === null ? null : await idOf('sections', article.section);
    const authorId = article.author === null ? null : await idOf('authors', article.author);
    const tagIds: number[] = [];
    for (const tag of article.tags) {
      const id = await idOf('tags', tag);
      if (id !== null) tagIds.push(id);
    }
    await tx.articles.create({
      slug,
      title: article.title,
      lede: article.lede,
      body: article.body,
      status: 'published',
      publishedAt,
      sectionIds: sectionId === null ? [] : [sectionId],
      authorIds: authorId === null ? [] : [authorId],
      tagIds,
      readingMinutes: article.readingMinutes,
    });
    out.created++;
    if (article.publishedAt === null) out.undated++;
    if (sectionId === null) out.uncategorized++;
  }
  return out;
}
