import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { waitingProgress } from '../../src/domain/importRun.js';
import type { Job } from '../../src/jobs/job.js';
import { WORDPRESS_IMPORT_JOB, type ImportRunDeps } from '../../src/operations/importing/ImportRunDeps.js';
import { createWordpressImportRunner } from '../../src/operations/importing/runWordpressImport.js';
import { cancelImportRun } from '../../src/operations/importing/cancelImportRun.js';
import { userActor } from '../../src/domain/access.js';
import { isAppError } from '../../src/errors/AppError.js';
import type { Store } from '../../src/store/ports.js';
import { createSqliteStore } from '../../src/store/sqlite/createSqliteStore.js';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'wxr', 'yoast-canonical.xml');

/**
 * The import job's handler (decision 029): a run another worker still heartbeats is left alone (the
 * job is retried later); a run whose heartbeat went stale (its node died) is run again; a finished
 * run is never run twice.
 */
describe('the WordPress import job handler', () => {
  let dir: string;
  let store: Store;
  let clock: Date;
  let deps: ImportRunDeps;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'khabar-runner-'));
    clock = new Date('2026-11-29T10:00:00.000Z');
    store = createSqliteStore({ file: ':memory:', now: () => clock });
    await store.migrate();
    deps = { store, importsDir: dir, site: loadConfig({ env: {}, overrides: { env: 'test', dataDir: dir } }).site, now: () => clock };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const jobFor = (runId: number) => ({ id: 1, kind: WORDPRESS_IMPORT_JOB, payload: { runId } }) as Job;
  async function runningElsewhere() {
    const upload = path.join(dir, 'upload-1.xml');
    copyFileSync(fixture, upload);
    const run = await store.importRuns.create({ sourceKind: 'wordpress', fileName: 'a.xml', uploadPath: upload, sizeBytes: 1, dryRun: false, requestedBy: null }, waitingProgress());
    await store.importRuns.update(run.id, { state: 'running' });
    return { run, upload };
  }

  it('leaves a run whose heartbeat is fresh (another worker runs it): the job throws to be retried, nothing is imported', async () => {
    const { run, upload } = await runningElsewhere();
    clock = new Date(clock.getTime() + 30_000);
    const runner = createWordpressImportRunner(deps, { staleMs: 45_000 });
    await expect(runner.handler(jobFor(run.id))).rejects.toThrow(/running on another worker/);
    expect((await store.importRuns.findById(run.id))?.state).toBe('running');
    expect(await store.articles.countForAdmin({})).toBe(0);
    expect(existsSync(upload)).toBe(true);
  });

  it('runs again a run whose heartbeat is stale (its node died), then never twice', async () => {
    const { run, upload } = await runningElsewhere();
    clock = new Date(clock.getTime() + 46_000);
    const runner = createWordpressImportRunner(deps, { staleMs: 45_000 });
    await runner.handler(jobFor(run.id));
    const done = await store.importRuns.findById(run.id);
    expect(done).toMatchObject({ state: 'done', progress: { phase: 'finished' } });
    expect(await store.articles.countForAdmin({})).toBe(4);
    expect(existsSync(upload)).toBe(false);
    expect(existsSync(path.join(dir, `run-${run.id}.report.json`))).toBe(true);
    const before = (await store.importRuns.findById(run.id))!.updatedAt;
    clock = new Date(clock.getTime() + 60_000);
    await runner.handler(jobFor(run.id));
    expect((await store.importRuns.findById(run.id))!.updatedAt).toEqual(before);
  });

  const admin = userActor(1, 'admin');
  const codeOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isAppError(e) ? e.code : e));

  it('Cancel ends a queued run at once (its upload deleted, its job then does nothing); an ended run answers IMPORT_FINISHED; editors may not', async () => {
    const upload = path.join(dir, 'upload-2.xml');
    copyFileSync(fixture, upload);
    const run = await store.importRuns.create({ sourceKind: 'wordpress', fileName: 'a.xml', uploadPath: upload, sizeBytes: 1, dryRun: false, requestedBy: null }, waitingProgress());
    expect(await codeOf(cancelImportRun(deps, userActor(2, 'editor'), run.id))).toBe('FORBIDDEN');
    const cancelled = await cancelImportRun(deps, admin, run.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelRequestedAt: clock, finishedAt: clock, progress: { phase: 'finished' } });
    expect(existsSync(upload)).toBe(false);
    await createWordpressImportRunner(deps).handler(jobFor(run.id));
    expect(await store.articles.countForAdmin({})).toBe(0);
    expect(await codeOf(cancelImportRun(deps, admin, run.id))).toBe('IMPORT_FINISHED');
    expect(await codeOf(cancelImportRun(deps, admin, 999))).toBe('NOT_FOUND');
  });

  it('Cancel asks a running run to stop: its job reads the request with its progress and ends the run cancelled, keeping what it wrote', async () => {
    const { run, upload } = await runningElsewhere();
    const asked = await cancelImportRun(deps, admin, run.id);
    expect(asked).toMatchObject({ state: 'running', cancelRequestedAt: clock });
    // The node that ran it died: this worker takes it over and finds the request at its first progress write.
    clock = new Date(clock.getTime() + 46_000);
    await createWordpressImportRunner(deps, { staleMs: 45_000, progressEveryMs: 0 }).handler(jobFor(run.id));
    const ended = (await store.importRuns.findById(run.id))!;
    expect(ended.state).toBe('cancelled');
    expect(ended.finishedAt).toEqual(clock);
    expect(existsSync(upload)).toBe(false);
    // Stopped while checking the file (nothing written) or at a batch boundary (its report says what was).
    if (ended.report) expect(ended.report).toMatchObject({ cancelled: true });
    else expect(ended.error?.code).toBe('IMPORT_CANCELLED');
    const articles = await store.articles.countForAdmin({});
    expect(articles).toBeLessThan(4);
    expect(articles).toBe((ended.report as { counts?: { articles: { created: number } } } | null)?.counts?.articles.created ?? 0);
  });
});
