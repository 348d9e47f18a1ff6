import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config/loadConfig.js';
import { systemActor } from '../../domain/access.js';
import { listComments, MAX_PER_PAGE } from '../../operations/comments/listComments.js';
import { moderateComments, type ModerationAction } from '../../operations/comments/moderateComments.js';
import type { ModerationComment } from '../../operations/comments/toModerationComment.js';
import { openStore } from '../../store/openStore.js';
import type { Store } from '../../store/ports.js';

const PAST: Record<ModerationAction, string> = {
  approve: 'approved',
  unapprove: 'unapproved',
  spam: 'marked spam',
  trash: 'trashed',
  restore: 'restored',
  delete: 'deleted',
};

function limit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PER_PAGE) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_PER_PAGE}`);
  return n;
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}

/** One line of text from sanitized HTML: tags dropped, the few entities the sanitizer writes decoded. */
export function excerptOf(html: string, max = 60): string {
  const text = html
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function table(items: readonly ModerationComment[]): string {
  const rows = [
    ['ID', 'STATUS', 'ARTICLE', 'CREATED', 'AUTHOR', 'EMAIL', 'TEXT'],
    ...items.map((c) => [String(c.id), c.status, String(c.articleId), c.createdAt.slice(0, 16).replace('T', ' '), excerptOf(c.authorName, 24), c.authorEmail, excerptOf(c.body)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ')).join('\n');
}

/**
 * `khabar comments list|approve|spam|trash`: comment moderation for operators until the admin
 * screens land, through the same operations as the admin API, acting as the system actor.
 */
export function registerCommentsCommand(program: Command): void {
  const comments = program.command('comments').description('moderate reader comments');
  comments
    .command('list')
    .description('list comments, newest first, with per-state counts')
    .option('--status <status>', 'pending, approved, spam or trash (default: all)')
    .option('--article <id>', 'only comments on this article id')
    .option('--limit <n>', `how many to show (1–${MAX_PER_PAGE}, default 20)`, limit)
    .action(async (opts: { status?: string; article?: string; limit?: number }) => {
      await withStore(async (store) => {
        const list = await listComments({ store }, systemActor('cli'), { status: opts.status, articleId: opts.article, perPage: opts.limit ?? 20 });
        if (list.items.length > 0) console.log(table(list.items));
        const counts = Object.entries(list.counts).map(([s, n]) => `${s} ${n}`).join(', ');
        console.log(`${list.items.length} of ${list.total} shown (${counts})`);
      });
    });

  for (const action of ['approve', 'spam', 'trash'] as const) {
    comments
      .command(`${action} <ids...>`)
      .description(`${action === 'spam' ? 'mark' : action} comments${action === 'spam' ? ' as spam' : ''} (all or nothing: an unknown id changes none)`)
      .action(async (ids: string[]) => {
        await withStore(async (store) => {
          const result = await moderateComments({ store }, systemActor('cli'), ids, action);
          for (const id of result.changed) console.log(`comment #${id} ${PAST[action]}`);
          for (const id of result.unchanged) console.log(`comment #${id} unchanged (already ${action === 'approve' ? 'approved' : action})`);
        });
      });
  }
}
