import type { WxrScan } from './scanWxr.js';

/** Kinds the report counts (README "WordPress import" documents the shape). */
export const REPORT_KINDS = ['authors', 'sections', 'tags', 'terms', 'articles', 'pages', 'comments', 'media', 'menuItems', 'redirects'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface KindCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ReportIssue {
  kind: ReportKind;
  /** The WordPress id (post, comment, term) or login/slug the row is known by. */
  wpId: string | null;
  reason: string;
}

/** An old URL and where it goes now: 200 (same path serves it), 301 (redirected), 404 (not public). */
export interface ReportUrl {
  from: string;
  to: string | null;
  status: 200 | 301 | 404;
}

export interface WordpressImportReport {
  file: string;
  dryRun: boolean;
  /** The export's `wp:wxr_version` (null when absent). */
  wxrVersion: string | null;
  /** What imported rows are keyed by (the blog's URL): a re-run of an export of the same site updates them. */
  source: string;
  permalink: { detected: string | null; applied: string; matchingPosts: number; sampledPosts: number };
  read: WxrScan['read'];
  counts: Record<ReportKind, KindCounts>;
  /** Rows not written, with reasons (the first 10,000; `failed` counts them all). */
  failures: ReportIssue[];
  /** Rows deliberately not imported or imported with a change worth knowing (first 10,000). */
  skips: ReportIssue[];
  notes: ReportIssue[];
  warnings: string[];
  /** Old URLs and where they go: the first 10,000 (`urlCount` counts them all; `onUrl` and `--report` get every one). */
  urls: ReportUrl[];
  urlCount: number;
  /** Attachments whose file was not copied: their original URL stays in the articles. */
  mediaKeptAtOrigin: Array<{ wpId: string; url: string; reason: string }>;
  menus: Array<{ menu: string; items: Array<{ title: string; type: string; object: string; target: string | null }> }>;
  /** Articles indexed by the rebuild that big imports (1,000 posts or more) end with; null when indexed batch by batch. */
  searchIndexRebuilt: number | null;
  /** Stopped by its `signal` (the admin's Cancel, or Ctrl-C) before the end of the file: the counts say what was written. */
  cancelled: boolean;
  seconds: number;
  /** Seconds of the first pass (well-formedness, counts, permalink detection). */
  scanSeconds: number;
  /** Seconds of the end-of-import search index rebuild (0 when indexed batch by batch). */
  indexSeconds: number;
}

const MAX_ISSUES = 10_000;

export function emptyReport(file: string, dryRun: boolean): WordpressImportReport {
  const counts = Object.fromEntries(REPORT_KINDS.map((k) => [k, { created: 0, updated: 0, skipped: 0, failed: 0 }])) as Record<ReportKind, KindCounts>;
  return {
    file,
    dryRun,
    wxrVersion: null,
    source: '',
    permalink: { detected: null, applied: '', matchingPosts: 0, sampledPosts: 0 },
    read: { authors: 0, categories: 0, tags: 0, terms: 0, items: 0, postTypes: {}, statuses: {}, comments: 0 },
    counts,
    failures: [],
    skips: [],
    notes: [],
    warnings: [],
    urls: [],
    urlCount: 0,
    mediaKeptAtOrigin: [],
    menus: [],
    searchIndexRebuilt: null,
    cancelled: false,
    seconds: 0,
    scanSeconds: 0,
    indexSeconds: 0,
  };
}

/** Counting helpers a batch uses; they write into a staging copy merged only once the batch committed. */
export class Tally {
  readonly counts = new Map<ReportKind, KindCounts>();
  readonly failures: ReportIssue[] = [];
  readonly skips: ReportIssue[] = [];
  readonly notes: ReportIssue[] = [];
  readonly urls: ReportUrl[] = [];
  readonly mediaKeptAtOrigin: WordpressImportReport['mediaKeptAtOrigin'] = [];

  private of(kind: ReportKind): KindCounts {
    let c = this.counts.get(kind);
    if (!c) this.counts.set(kind, (c = { created: 0, updated: 0, skipped: 0, failed: 0 }));
    return c;
  }
  created(kind: ReportKind): void {
    this.of(kind).created++;
  }
  updated(kind: ReportKind): void {
    this.of(kind).updated++;
  }
  wrote(kind: ReportKind, existed: boolean): void {
    if (existed) this.updated(kind);
    else this.created(kind);
  }
  skipped(kind: ReportKind, wpId: string | null, reason: string): void {
    this.of(kind).skipped++;
    this.skips.push({ kind, wpId, reason });
  }
  failed(kind: ReportKind, wpId: string | null, reason: string): void {
    this.of(kind).failed++;
    this.failures.push({ kind, wpId, reason });
  }
  note(kind: ReportKind, wpId: string | null, reason: string): void {
    this.notes.push({ kind, wpId, reason });
  }

  /** Adds this tally to the report (lists capped at 10,000 entries each, counts exact); every URL goes to `onUrl`. */
  mergeInto(report: WordpressImportReport, onUrl?: (url: ReportUrl) => void): void {
    for (const [kind, c] of this.counts) {
      const r = report.counts[kind];
      r.created += c.created;
      r.updated += c.updated;
      r.skipped += c.skipped;
      r.failed += c.failed;
    }
    for (const [list, items] of [
      [report.failures, this.failures],
      [report.skips, this.skips],
      [report.notes, this.notes],
    ] as const) {
      for (const item of items) if (list.length < MAX_ISSUES) list.push(item);
    }
    for (const u of this.urls) {
      report.urlCount++;
      if (report.urls.length < MAX_ISSUES) report.urls.push(u);
      onUrl?.(u);
    }
    for (const m of this.mediaKeptAtOrigin) report.mediaKeptAtOrigin.push(m);
  }
}
