import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The Arabic news corpora of ../shared/data/arabic-news (read its README for licences and quirks). */
export const corpusDir = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'arabic-news');
const FILES = [path.join(corpusDir, 'ant', 'ant-v1.1-jawharafm.jsonl'), path.join(corpusDir, 'marsum', 'marsum-test.jsonl')];

export const haveArabicCorpus = FILES.every((f) => existsSync(f));

export interface CorpusText {
  title: string;
  /** Paragraphs, in order (the corpora separate them with newlines). */
  paragraphs: string[];
  /** ANT's abstract; empty for MArSum. */
  abstract: string;
  /** ANT's Arabic category name; empty for MArSum. */
  category: string;
}

/**
 * Reads up to `limit` texts from ANT then MArSum, skipping the few with an empty title or body
 * (4 and 23 in ANT): an export of a live site has neither.
 */
export async function readArabicCorpus(limit = Infinity): Promise<CorpusText[]> {
  const out: CorpusText[] = [];
  for (const file of FILES) {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (out.length >= limit) {
        lines.close();
        break;
      }
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { title?: string; body?: string; abstract?: string; category_ar?: string };
      const title = (r.title ?? '').replace(/\s+/gu, ' ').trim();
      const paragraphs = (r.body ?? '')
        .split(/\n+/)
        .map((p) => p.replace(/\s+/gu, ' ').trim())
        .filter((p) => p !== '');
      if (!title || paragraphs.length === 0) continue;
      out.push({ title, paragraphs, abstract: (r.abstract ?? '').trim(), category: (r.category_ar ?? '').trim() });
    }
    if (out.length >= limit) break;
  }
  return out;
}
