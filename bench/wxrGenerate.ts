/**
 * `node --import tsx bench/wxrGenerate.ts [--posts N] [--seed S] [--out FILE]`: writes the WordPress
 * export the import benchmark reads (default 100,000 posts, about 500 MB, seed 1) to
 * bench/out/wxr-<N>-seed-<S>.xml, streaming. The same generator builds the smaller exports of
 * the import tests (test/support/wxr/generateArabicWxr.ts). A file already there with the same
 * posts and seed is reused (its summary sits beside it as .json).
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { haveArabicCorpus, readArabicCorpus } from '../test/support/wxr/arabicCorpus.js';
import { generateArabicWxr, type ArabicExportSummary } from '../test/support/wxr/generateArabicWxr.js';

export const benchOut = path.resolve(import.meta.dirname, 'out');

/** Bumped when the generator's output changes, so an older file is not reused. */
const GENERATOR = 'arabic-wxr-1';

export interface GeneratedExport {
  file: string;
  bytes: number;
  seconds: number;
  reused: boolean;
  summary: ArabicExportSummary;
}

/** Writes (or reuses) the export for `posts` and `seed`. */
export async function generateBenchWxr(options: { posts: number; seed: number; file?: string; log?: (line: string) => void }): Promise<GeneratedExport> {
  const log = options.log ?? (() => {});
  const file = options.file ?? path.join(benchOut, `wxr-${options.posts}-seed-${options.seed}.xml`);
  const summaryFile = `${file}.json`;
  if (existsSync(file) && existsSync(summaryFile)) {
    const saved = JSON.parse(readFileSync(summaryFile, 'utf8')) as { generator: string; summary: ArabicExportSummary; seconds: number };
    if (saved.generator === GENERATOR && saved.summary.posts === options.posts) {
      return { file, bytes: statSync(file).size, seconds: saved.seconds, reused: true, summary: saved.summary };
    }
  }
  if (!haveArabicCorpus) throw new Error('the Arabic corpora in ../shared/data/arabic-news are missing (see ../shared/data/README.md)');
  mkdirSync(path.dirname(file), { recursive: true });
  const corpus = await readArabicCorpus();
  log(`corpus: ${corpus.length} texts; writing ${options.posts} posts to ${path.relative(process.cwd(), file)}`);
  const started = performance.now();
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { highWaterMark: 1 << 20 });
  let written = 0;
  const summary = await generateArabicWxr({
    out,
    posts: options.posts,
    seed: options.seed,
    corpus,
    onItem: (item) => {
      if (item.type === 'post' && ++written % 10_000 === 0) log(`  ${written} posts, ${(out.bytesWritten / 1e6).toFixed(0)} MB`);
    },
  });
  renameSync(partial, file);
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(summaryFile, JSON.stringify({ generator: GENERATOR, seed: options.seed, seconds, summary }, null, 1));
  return { file, bytes: statSync(file).size, seconds, reused: false, summary };
}

/** A positive whole-number command-line option (`--posts 1000`), or the fallback. */
export function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} expects a positive whole number`);
  return n;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--help')) {
    console.log('usage: node --import tsx bench/wxrGenerate.ts [--posts N (100000)] [--seed S (1)] [--out FILE]');
    process.exit(0);
  }
  const at = process.argv.indexOf('--out');
  const result = await generateBenchWxr({
    posts: numberOption('--posts', 100_000),
    seed: numberOption('--seed', 1),
    ...(at !== -1 ? { file: path.resolve(process.argv[at + 1]!) } : {}),
    log: console.log,
  });
  const s = result.summary;
  console.log(
    `${result.reused ? 'reused' : 'wrote'} ${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB, ${s.posts} posts (${JSON.stringify(s.postsByStatus)}), ` +
      `${s.pages} pages, ${s.attachments} attachments, ${s.comments.total} comments, ${s.categories.length} categories, ${s.tags.length} tags, ${s.authors.length} authors` +
      (result.reused ? '' : ` in ${result.seconds.toFixed(1)} s`),
  );
}
