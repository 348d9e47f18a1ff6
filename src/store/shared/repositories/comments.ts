import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Comment, CommentStatus, NewComment } from '../../../domain/comment.js';
import { commentStatuses } from '../../../domain/comment.js';
import type { CommentFilter, CommentRepository } from '../../ports.js';
import type { DialectQueries } from '../dialectQueries.js';
import { commentColumns } from '../rowValues.js';
import type { GroupCommit, WriteEffects } from '../groupCommit.js';
import { prepareQuery } from '../preparedQuery.js';
import { recordPurge } from '../purgeLog.js';
import { surrogateKey } from '../../../domain/surrogateKeys.js';
import type { Database } from '../schema.js';
import { createHitCounter, type CountHits } from './rateLimits.js';
import { toCount } from '../values.js';

type CommentRow = Selectable<Database['comments']>;

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    depth: row.depth,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    userId: row.user_id,
    body: row.body,
    status: row.status as CommentStatus,
    ipHash: row.ip_hash,
    userAgent: row.user_agent,
    fingerprint: row.fingerprint,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** What an approved comment appearing, changing or leaving purges: its article's pages and cards, the comment feed. */
function commentKeys(articleIds: Iterable<number>): string[] {
  return [...[...articleIds].map(surrogateKey.article), surrogateKey.comments];
}

/** `LIKE` with the user's text taken literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Comments on either dialect. Writes that change what readers see (an approved comment appears,
 * disappears or changes) recount the article's approved comments and move the content version in
 * the same transaction, so the article page and its count can never disagree.
 */
export function createCommentRepository(
  db: Kysely<Database>,
  now: () => Date,
  writes: GroupCommit,
  dialect: Pick<DialectQueries, 'byKeyOnly'>,
  countHits: CountHits = createHitCounter(db),
): CommentRepository {
  // The status beside a list of ids is tested on the rows found by key (see byKeyOnly).
  const statusOf = dialect.byKeyOnly('status');
  const inTx = writes.run;

  // The queries of a reader's post, compiled once (preparedQuery.ts).
  const insertComment = prepareQuery((row: Insertable<Database['comments']>) => db.insertInto('comments').values(row).returningAll());
  const moveCount = prepareQuery((articleId: number, delta: number) =>
    db
      .updateTable('articles')
      .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
      .where('id', '=', articleId),
  );
  const moveThreads = prepareQuery((articleId: number, delta: number) =>
    db
      .updateTable('articles')
      .set((eb) => ({ thread_count: eb('thread_count', '+', delta) }))
      .where('id', '=', articleId),
  );
  const byId = prepareQuery((id: number) => db.selectFrom('comments').selectAll().where('id', '=', id));
  // (article_id, fingerprint) first: the index holds few rows per pair, whatever the article's size.
  const sameText = prepareQuery((articleId: number, fingerprint: string) =>
    db.selectFrom('comments').selectAll().where('article_id', '=', articleId).where('fingerprint', '=', fingerprint).limit(20),
  );
  const approvedFrom = prepareQuery((email: string) =>
    db.selectFrom('comments').select('id').where('author_email', '=', email).where('status', '=', 'approved').limit(1),
  );
  const threads = db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'approved')
    .where('parent_id', 'is', null);
  const countAllThreads = prepareQuery((articleId: number) => threads.where('article_id', '=', articleId));
  const countThreadsBefore = prepareQuery((articleId: number, at: string, id: number) =>
    threads.where('article_id', '=', articleId).where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])])),
  );
  // The article's stored thread count and its threads from (created_at, id) on, in one statement
  // (one snapshot on both stores): a range of the covering index as long as the threads after it.
  const threadsFrom = prepareQuery((articleId: number, at: string, id: number) =>
    db
      .selectFrom('articles')
      .select((eb) => [
        'thread_count as total',
        threads
          .where('article_id', '=', articleId)
          // `created_at >= at` bounds the index range (an OR alone would walk every thread).
          .where('created_at', '>=', at)
          .where((w) => w.or([w('created_at', '>', at), w('id', '>=', id)]))
          .as('from_here'),
      ])
      .where('id', '=', articleId),
  );

  /**
   * Moves the approved counts by deltas and the content version, as effects written once per
   * transaction (groupCommit.ts): `comment_count + n` is atomic under the row's lock on both
   * stores, where a recount by subquery would miss a concurrent transaction's comment.
   */
  function readersSee(effects: WriteEffects, deltas: ReadonlyMap<number, number>, threadDeltas?: ReadonlyMap<number, number>): void {
    for (const [articleId, delta] of deltas) {
      effects.add(`comment_count:${articleId}`, delta, async (conn, total) => {
        if (total !== 0) await moveCount(conn, articleId, total);
      });
    }
    if (threadDeltas) threadsMove(effects, threadDeltas);
    // One purge record per article per commit (a group of posts to one article shares it).
    for (const articleId of deltas.keys()) effects.add(`purge:${articleId}`, 1, (conn) => recordPurge(conn, commentKeys([articleId]), now));
  }

  /** Moves articles' thread counts (approved comments without a parent) by deltas, once per transaction. */
  function threadsMove(effects: WriteEffects, deltas: ReadonlyMap<number, number>): void {
    for (const [articleId, delta] of deltas) {
      effects.add(`thread_count:${articleId}`, delta, async (conn, total) => {
        if (total !== 0) await moveThreads(conn, articleId, total);
      });
    }
  }

  /**
   * Deletes the comments `doomed` selects (ids of trash or spam comments); the foreign key sets
   * their replies' parent to null, so each approved reply becomes a thread of its article: counted
   * first, in the same transaction.
   */
  function deleteWithOrphans<T>(doomed: (conn: Kysely<Database>) => Promise<T>, ids: (conn: Kysely<Database>) => ReturnType<Kysely<Database>['selectFrom']>) {
    return inTx(async (conn, effects) => {
      const orphans = await conn
        .selectFrom('comments')
        .select(['article_id', (eb) => eb.fn.countAll().as('n')])
        .where(statusOf, '=', 'approved') // found through the parent index, not among every approved comment
        .where('parent_id', 'in', ids(conn) as never)
        .groupBy('article_id')
        .execute();
      const result = await doomed(conn);
      if (orphans.length > 0) threadsMove(effects, new Map(orphans.map((row) => [row.article_id, toCount(row.n as string | number)])));
      return result;
    });
  }

  function filtered(filter: CommentFilter) {
    let q = db.selectFrom('comments as c');
    if (filter.statuses && filter.statuses.length > 0) q = q.where('c.status', 'in', filter.statuses);
    if (filter.articleId !== undefined) q = q.where('c.article_id', '=', filter.articleId);
    if (filter.articleIds) q = filter.articleIds.length ? q.where('c.article_id', 'in', filter.articleIds) : q.where(sql<boolean>`1 = 0`);
    if (filter.articleAuthorIds) {
      const ids = filter.articleAuthorIds;
      q = ids.length
        ? q.where(({ exists, selectFrom }) =>
            exists(selectFrom('article_authors as aa').select('aa.article_id').whereRef('aa.article_id', '=', 'c.article_id').where('aa.author_id', 'in', ids)),
          )
        : q.where(sql<boolean>`1 = 0`);
    }
    if (filter.search && filter.search.trim()) {
      const pattern = likePattern(filter.search.trim());
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(c.author_name)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(c.author_email)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(c.body)`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
    }
    return q;
  }

  async function insertOne(conn: Kysely<Database>, effects: WriteEffects, input: NewComment): Promise<Comment> {
    const at = now().toISOString();
    const [row] = (await insertComment(conn, commentColumns(input, at, at))).rows;
    if (input.status === 'approved') readersSee(effects, new Map([[input.articleId, 1]]), input.parentId === null ? new Map([[input.articleId, 1]]) : undefined);
    return toComment(row!);
  }

  return {
    create(input) {
      return inTx((conn, effects) => insertOne(conn, effects, input));
    },
    createCounted(input, hits, nowMs) {
      return inTx(async (conn, effects) => {
        const counted = await countHits(conn, hits, nowMs);
        const within = counted.every((c, i) => c.hits <= hits[i]!.limit);
        return { counted, comment: within ? await insertOne(conn, effects, input) : null };
      });
    },
    async findById(id) {
      const [row] = (await byId(db, id)).rows;
      return row ? toComment(row) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('comments').selectAll().where('id', 'in', [...ids]).execute();
      return rows.map(toComment);
    },
    async listApproved(articleId) {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('status', '=', 'approved')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },
    async countThreads(articleId, before) {
      const { rows } = before ? await countThreadsBefore(db, articleId, before.createdAt.toISOString(), before.id) : await countAllThreads(db, articleId);
      return toCount(rows[0]!.n as string | number);
    },
    async threadsFrom(articleId, from) {
      const [row] = (await threadsFrom(db, articleId, from.createdAt.toISOString(), from.id)).rows;
      return row ? { total: toCount(row.total as string | number), fromHere: toCount(row.from_here as string | number) } : { total: 0, fromHere: 0 };
    },
    async list(filter, paging) {
      const rows = await filtered(filter)
        .selectAll('c')
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(paging.limit)
        .offset(paging.offset)
        .execute();
      return rows.map(toComment);
    },
    async count(filter) {
      const row = await filtered(filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return toCount(row.n as string | number);
    },
    async countByStatus(filter = {}) {
      const rows = await filtered(filter)
        .select(['c.status', (eb) => eb.fn.countAll().as('n')])
        .groupBy('c.status')
        .execute();
      const out = Object.fromEntries(commentStatuses.map((s) => [s, 0])) as Record<CommentStatus, number>;
      for (const row of rows) out[row.status as CommentStatus] = toCount(row.n as string | number);
      return out;
    },
    async hasApprovedFrom(email) {
      return (await approvedFrom(db, email.toLowerCase())).rows.length > 0;
    },
    async findDuplicate(articleId, fingerprint, email, ipHash) {
      const { rows } = await sameText(db, articleId, fingerprint);
      const lower = email.toLowerCase();
      const row = rows.find((r) => r.status !== 'trash' && (r.author_email === lower || (ipHash !== null && r.ip_hash === ipHash)));
      return row ? toComment(row) : null;
    },
    async setStatus(ids, status, from) {
      if (ids.length === 0 || (from && from.length === 0)) return [];
      const fromApproved = !from || from.includes('approved');
      const fromOthers = (from ?? commentStatuses).filter((s) => s !== 'approved' && s !== status);
      return inTx(async (conn, effects) => {
        const at = now().toISOString();
        // Two conditional updates instead of read-then-write: each row changes once even when two
        // moderators act at the same moment (the loser's WHERE no longer matches), so counts stay exact.
        const leaving =
          status === 'approved' || !fromApproved
            ? []
            : await conn
                .updateTable('comments')
                .set({ status, updated_at: at })
                .where('id', 'in', [...ids])
                .where(statusOf, '=', 'approved')
                .returning(['id', 'article_id', 'parent_id'])
                .execute();
        const others =
          fromOthers.length === 0
            ? []
            : await conn
                .updateTable('comments')
                .set({ status, updated_at: at })
                .where('id', 'in', [...ids])
                .where(statusOf, 'in', fromOthers)
                .returning(['id', 'article_id', 'parent_id'])
                .execute();
        const deltas = new Map<number, number>();
        const threadDeltas = new Map<number, number>();
        const move = (row: { article_id: number; parent_id: number | null }, by: number) => {
          deltas.set(row.article_id, (deltas.get(row.article_id) ?? 0) + by);
          if (row.parent_id === null) threadDeltas.set(row.article_id, (threadDeltas.get(row.article_id) ?? 0) + by);
        };
        for (const row of leaving) move(row, -1);
        if (status === 'approved') for (const row of others) move(row, 1);
        if (deltas.size > 0) readersSee(effects, deltas, threadDeltas);
        return [...leaving, ...others].map((row) => row.id).sort((a, b) => a - b);
      });
    },
    async update(id, edit) {
      return inTx(async (conn, effects) => {
        const values: Updateable<Database['comments']> = { updated_at: now().toISOString() };
        if (edit.authorName !== undefined) values.author_name = edit.authorName;
        if (edit.authorUrl !== undefined) values.author_url = edit.authorUrl;
        if (edit.body !== undefined) values.body = edit.body;
        if (edit.fingerprint !== undefined) values.fingerprint = edit.fingerprint;
        const row = await conn.updateTable('comments').set(values).where('id', '=', id).returningAll().executeTakeFirst();
        if (!row) return null;
        if (row.status === 'approved') readersSee(effects, new Map([[row.article_id, 0]]));
        return toComment(row);
      });
    },
    async deleteForever(ids) {
      if (ids.length === 0) return [];
      // One conditional delete: a comment restored a moment earlier is not in the trash any more and
      // stays. Replies keep living with parent_id set to null by the foreign key (both stores enforce it).
      const doomed = (conn: Kysely<Database>) => conn.selectFrom('comments').select('id').where('id', 'in', [...ids]).where(statusOf, 'in', ['trash', 'spam']);
      const deleted = await deleteWithOrphans(
        (conn) => conn.deleteFrom('comments').where('id', 'in', [...ids]).where(statusOf, 'in', ['trash', 'spam']).returning('id').execute(),
        doomed,
      );
      return deleted.map((row) => row.id).sort((a, b) => a - b);
    },
    async purgeOld(statuses, beforeIso) {
      if (statuses.length === 0) return 0;
      const doomed = (conn: Kysely<Database>) => conn.selectFrom('comments').select('id').where('status', 'in', [...statuses]).where('created_at', '<', beforeIso);
      const result = await deleteWithOrphans((conn) => conn.deleteFrom('comments').where('status', 'in', [...statuses]).where('created_at', '<', beforeIso).executeTakeFirst(), doomed);
      return Number(result.numDeletedRows);
    },
  };
}
