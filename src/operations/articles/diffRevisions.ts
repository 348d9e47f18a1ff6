import { diffArrays, diffLines } from 'diff';
import type { Actor } from '../../domain/access.js';
import type { ArticleRevision } from '../../domain/revision.js';
import { AppError } from '../../errors/AppError.js';
import type { ArticleDeps } from './ArticleDeps.js';
import { getArticle } from './getArticle.js';
import { decodeBasicEntities } from '../../domain/html/decodeBasicEntities.js';

/** A run of text that is the same, added or removed. */
export interface DiffPart {
  op: 'same' | 'add' | 'remove';
  text: string;
}

export interface RevisionDiff {
  from: { id: number; version: number };
  to: { id: number; version: number };
  /** Word diffs of the title and lede, a line diff of the body's text (one block element per line). */
  title: DiffPart[];
  lede: DiffPart[];
  body: DiffPart[];
}

/** The body's text, one paragraph/heading/list item per line, tags and entities resolved. */
export function bodyLines(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|tr|pre)>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .split('\n')
    .map(decodeBasicEntities)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Word boundaries by Unicode's rules: jsdiff's own tokenizer knows only Latin letters as word
 * characters and would diff Arabic letter by letter.
 */
const WORDS = new Intl.Segmenter('ar', { granularity: 'word' });

function parts(changes: Array<{ value: string; added?: boolean; removed?: boolean }>): DiffPart[] {
  return changes.map((c) => ({ op: c.added ? 'add' : c.removed ? 'remove' : 'same', text: c.value }));
}

/**
 * A word diff that keeps every character: the same and removed runs spell `from` exactly, the same
 * and added runs spell `to`. (jsdiff's diffWords folds white space into neighbouring changes, so a
 * side could lose or gain a space: `src=x onerror` showed as `src=xonerror`.) Tokens are Unicode
 * word segments, white space and punctuation included; white space alone between two changes is
 * not kept as common, so a replaced phrase reads as one removal and one addition.
 *
 * @example wordDiff('قال الوزير اليوم', 'قال الوزير أمس') // same 'قال الوزير ', remove 'اليوم', add 'أمس'
 */
export function wordDiff(from: string, to: string): DiffPart[] {
  const tokens = (text: string) => [...WORDS.segment(text)].map((s) => s.segment);
  const runs = parts(diffArrays(tokens(from), tokens(to)).map((c) => ({ ...c, value: c.value.join('') })));
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed !== '') out.push({ op: 'remove', text: removed });
    if (added !== '') out.push({ op: 'add', text: added });
    removed = added = '';
  };
  for (const [k, run] of runs.entries()) {
    if (run.op === 'remove') removed += run.text;
    else if (run.op === 'add') added += run.text;
    else if (/^\s+$/u.test(run.text) && (removed !== '' || added !== '') && runs[k + 1] !== undefined && runs[k + 1]!.op !== 'same') {
      removed += run.text;
      added += run.text;
    } else {
      flush();
      out.push(run);
    }
  }
  flush();
  return out;
}

async function revisionOrThrow(deps: ArticleDeps, articleId: number, id: unknown): Promise<ArticleRevision> {
  const n = typeof id === 'number' ? id : typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  const revision = Number.isInteger(n) ? await deps.store.articles.findRevision(articleId, n) : null;
  if (!revision) throw new AppError('NOT_FOUND', `no revision ${String(id)} of article ${articleId}`);
  return revision;
}

/** What changed between two revisions of an article (`from` older, `to` newer, by id). */
export async function diffRevisions(deps: ArticleDeps, actor: Actor, articleId: unknown, fromId: unknown, toId: unknown): Promise<RevisionDiff> {
  const { article } = await getArticle(deps, actor, articleId);
  const from = await revisionOrThrow(deps, article.id, fromId);
  const to = await revisionOrThrow(deps, article.id, toId);
  return {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    title: wordDiff(from.snapshot.title, to.snapshot.title),
    lede: wordDiff(from.snapshot.lede ?? '', to.snapshot.lede ?? ''),
    body: parts(diffLines(bodyLines(from.snapshot.body), bodyLines(to.snapshot.body))),
  };
}

export { revisionOrThrow };
