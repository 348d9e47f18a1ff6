import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importJsonl } from '../../src/operations/importing/importJsonl.js';
import { createAnalyzer } from '../../src/search/analyzer.js';
import { createVocabularyCache } from '../../src/search/createVocabularyCache.js';
import { searchArticles } from '../../src/search/searchArticles.js';
import type { Store } from '../../src/store/ports.js';
import { storeKinds, type TestStore } from '../support/stores.js';

const corpusDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'arabic-news');
const antFile = path.join(corpusDir, 'ant', 'ant-v1.1-jawharafm.jsonl');
const marsumFile = path.join(corpusDir, 'marsum', 'marsum-test.jsonl');
const haveCorpus = existsSync(antFile) && existsSync(marsumFile);
if (!haveCorpus) console.warn(`[khabar tests] ${corpusDir} is absent: the JSON Lines import tests on the real corpora are skipped`);

const NOW = new Date('2026-11-29T10:00:00.000Z');

/** The first `n` lines of a file (the corpora are read once per test file). */
function head(file: string, n: number): string[] {
  return readFileSync(file, 'utf8').split('\n').slice(0, n);
}

async function* fromArray(lines: string[]): AsyncGenerator<string> {
  for (const line of lines) yield line;
}

for (const kind of storeKinds) {
  describe.skipIf(!kind.available || !haveCorpus)(`import jsonl on a slice of ANT and MArSum [${kind.name}]`, () => {
    let handle: TestStore;
    let store: Store;
    beforeEach(async () => {
      handle = await kind.open({ now: () => NOW });
      store = handle.store;
    });
    afterEach(async () => {
      await handle.dispose();
    });

    it('creates articles, sections and index entries, reports bad lines by number, and skips what it already imported', async () => {
      const ant = head(antFile, 150);
      const marsum = head(marsumFile, 30);
      const bad = ['{"title": "بلا نص"}', 'not json at all', '[1, 2]', '{"title": "تاريخ", "body": "نص", "date": "غدا"}', '{"title": "", "body": "x"}'];
      // Bad lines at known positions: 151..155 (1-based), then MArSum.
      const lines = [...ant, ...bad, '', ...marsum];
      const report = await importJsonl({ store, now: () => NOW }, fromArray(lines), { batchSize: 40 });

      const antRecords = ant.map((l) => JSON.parse(l) as { title: string; body: string; category_ar: string });
      const antValid = antRecords.filter((r) => r.body.trim() !== '' && r.title.trim() !== '');
      expect(report.lines).toBe(lines.length);
      expect(report.failures.map((f) => f.line)).toEqual(expect.arrayContaining([151, 152, 153, 154, 155]));
      expect(report.failures.find((f) => f.line === 151)?.reason).toBe('missing body');
      expect(report.failures.find((f) => f.line === 152)?.reason).toBe('not valid JSON');
      expect(report.failures.find((f) => f.line === 153)?.reason).toBe('not a JSON object');
      expect(report.failures.find((f) => f.line === 154)?.reason).toMatch(/unreadable date/);
      expect(report.created + report.skipped + report.failed).toBe(lines.length - 1); // the blank line is not counted
      expect(report.created).toBeGreaterThanOrEqual(antValid.length - report.skipped);
      // MArSum has no dates and "None" categories: dated at import time, no section.
      expect(report.undated).toBe(30);
      expect(report.uncategorized).toBeGreaterThanOrEqual(30);
      expect(await store.articles.count()).toBe(report.created);
      expect(await store.search.count()).toBe(report.created);

      // Sections come from the Arabic category names, with Unicode slugs.
      const sections = await store.sections.list();
      expect(report.sectionsCreated).toBe(sections.length);
      const categories = new Set(antValid.map((r) => r.category_ar));
      expect(new Set(sections.map((s) => s.name))).toEqual(categories);
      expect(sections.every((s) => /[\u0600-\u06FF]/.test(s.slug))).toBe(true);

      // An imported article is findable by its title words, with its text as paragraphs.
      const sample = antValid[7]!;
      const stored = (await store.articles.listPublished({}, { limit: 1000, offset: 0 })).find((c) => c.title === sample.title.replace(/\s+/gu, ' ').trim());
      expect(stored).toBeDefined();
      const full = await store.articles.findById(stored!.id);
      expect(full!.body.startsWith('<p>')).toBe(true);
      const analyzer = createAnalyzer();
      const outcome = await searchArticles(
        {
          store,
          analyzer,
          vocabulary: createVocabularyCache({ search: store.search, contentVersion: () => store.contentVersion() }),
          settings: { recencyWeight: 0, recencyHalfLifeDays: 30, perPage: 50 },
          now: () => NOW,
        },
        { query: `"${sample.title.split(/\s+/).slice(0, 3).join(' ')}"` },
      );
      expect(outcome.hits.map((h) => h.card.id)).toContain(stored!.id);

      // Running the same file again creates nothing and counts every article line as skipped.
      const again = await importJsonl({ store, now: () => NOW }, fromArray(lines), { batchSize: 40 });
      expect(again.created).toBe(0);
      expect(again.skipped).toBe(report.created + report.skipped);
      expect(again.sectionsCreated).toBe(0);
      expect(await store.articles.count()).toBe(report.created);
    });

    it('creates authors and tags once (arrays or comma-separated, Arabic comma too) and drops control characters', async () => {
      const line = (n: number, extra: object = {}) =>
        JSON.stringify({ title: `خبر رقم ${n}`, body: `نص الخبر ${n}`, category: 'وطني', date: `2020-01-0${n}T10:00:00Z`, tags: ['ماء', 'فلاحة'], author: 'سلمى', ...extra });
      const lines = [line(1), line(2), line(3, { tags: 'أمطار، سدود, ماء', title: 'عنوان\u0000 فيه\u0007 محارف', body: 'نص\u0000 الخبر' }), line(4)];
      const report = await importJsonl({ store, now: () => NOW }, fromArray(lines), { batchSize: 2 });
      expect(report).toMatchObject({ failed: 0, created: 4, tagsCreated: 4, authorsCreated: 1, sectionsCreated: 1 });
      const first = await store.articles.findBySlug('خبر-رقم-1');
      expect(first?.tagIds).toHaveLength(2);
      expect(first?.authorIds).toHaveLength(1);
      const third = await store.articles.findBySlug('عنوان-فيه-محارف');
      expect(third?.title).toBe('عنوان فيه محارف');
      expect(third?.body).toBe('<p>نص الخبر</p>');
      expect(third?.tagIds).toHaveLength(3);
    });
  });
}
