/**
 * The evaluation corpus: JawharaFM articles from ANT v1.1 (../shared/data), read by path.
 * Never copied into the repository (licence: test input only, see ../shared/data/README.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS_PATH = fileURLToPath(
  new URL('../../shared/data/arabic-news/ant/ant-v1.1-jawharafm.jsonl', import.meta.url),
);
export const REFERENCE_PATH = fileURLToPath(
  new URL('../../shared/data/arabic-nlp/reference-outputs-from-ant-tokens.jsonl', import.meta.url),
);

export interface Article {
  id: string;
  title: string;
  /** The corpus `abstract`, used as the lede. */
  lede: string;
  body: string;
}

/** Loads the corpus, or returns undefined (with the reason) when ../shared/data is absent. */
export function loadCorpus(path = CORPUS_PATH): Article[] | undefined {
  if (!existsSync(path)) {
    console.error(`eval: corpus not found at ${path} (../shared/data is not checked out); nothing to evaluate.`);
    return undefined;
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      const text = (v: unknown): string => (typeof v === 'string' ? v : '');
      return { id: text(r.id), title: text(r.title), lede: text(r.abstract), body: text(r.body) };
    });
}
