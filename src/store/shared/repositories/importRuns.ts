import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ImportRun, ImportRunState } from '../../../domain/importRun.js';
import type { ImportRunRepository } from '../../ports.js';
import type { Database } from '../schema.js';
import { fromIsoOrNull } from '../values.js';

function toImportRun(row: Selectable<Database['import_runs']>): ImportRun {
  return {
    id: row.id,
    sourceKind: row.source_kind,
    state: row.state as ImportRunState,
    fileName: row.file_name,
    uploadPath: row.upload_path,
    sizeBytes: Number(row.size_bytes),
    dryRun: row.dry_run === 1,
    requestedBy: row.requested_by,
    progress: JSON.parse(row.progress) as ImportRun['progress'],
    report: row.report === null ? null : (JSON.parse(row.report) as Record<string, unknown>),
    error: row.error === null ? null : (JSON.parse(row.error) as ImportRun['error']),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: fromIsoOrNull(row.finished_at),
    cancelRequestedAt: fromIsoOrNull(row.cancel_requested_at),
  };
}

export function createImportRunRepository(db: Kysely<Database>, now: () => Date): ImportRunRepository {
  return {
    async create(input, progress) {
      const at = now().toISOString();
      const row = await db
        .insertInto('import_runs')
        .values({
          source_kind: input.sourceKind,
          state: 'queued',
          file_name: input.fileName,
          upload_path: input.uploadPath,
          size_bytes: input.sizeBytes,
          dry_run: input.dryRun ? 1 : 0,
          requested_by: input.requestedBy,
          progress: JSON.stringify(progress),
          report: null,
          error: null,
          created_at: at,
          updated_at: at,
          finished_at: null,
          cancel_requested_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toImportRun(row);
    },
    async findById(id) {
      const row = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toImportRun(row) : null;
    },
    async list(paging) {
      const rows = await db.selectFrom('import_runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(paging.limit).offset(paging.offset).execute();
      return rows.map(toImportRun);
    },
    async update(id, changes) {
      const set: Updateable<Database['import_runs']> = { updated_at: now().toISOString() };
      if (changes.state !== undefined) set.state = changes.state;
      if (changes.progress !== undefined) set.progress = JSON.stringify(changes.progress);
      if (changes.report !== undefined) set.report = changes.report === null ? null : JSON.stringify(changes.report);
      if (changes.error !== undefined) set.error = changes.error === null ? null : JSON.stringify(changes.error);
      if (changes.finishedAt !== undefined) set.finished_at = changes.finishedAt === null ? null : changes.finishedAt.toISOString();
      if (changes.cancelRequestedAt !== undefined) set.cancel_requested_at = changes.cancelRequestedAt === null ? null : changes.cancelRequestedAt.toISOString();
      const result = await db.updateTable('import_runs').set(set).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
