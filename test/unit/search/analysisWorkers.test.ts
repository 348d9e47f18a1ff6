import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/search/analyzer.js';
import { analysisWorkers } from '../../../src/search/analysisWorkers.js';

const doc = { title: 'الحكومة تعلن', lede: '', tags: [], body: 'أعلنت الحكومة اليوم عن خطة جديدة' };

describe('analysisWorkers', () => {
  it('analyses in a worker what the analyzer gives on this thread', async () => {
    const pool = analysisWorkers({ workers: 1 })!();
    try {
      expect(await pool.analyze([doc])).toEqual([createAnalyzer().analyzeDocument(doc)]);
    } finally {
      await pool.close();
    }
  });

  it('fails every batch once its worker has stopped, instead of leaving it unanswered', async () => {
    // An analyzer option the worker cannot build with: it throws at start-up and the thread ends.
    const pool = analysisWorkers({ workers: 1, analyzer: { variants: 42 as unknown as string[][] } })!();
    try {
      await expect(pool.analyze([doc])).rejects.toThrow(/worker/); // failed with the thread's error
      await expect(pool.analyze([doc])).rejects.toThrow(/worker/); // posted before the thread's exit, failed by it
      // Posted after the thread ended: nothing would ever answer it.
      await expect(pool.analyze([doc])).rejects.toThrow(/worker/);
    } finally {
      await pool.close();
    }
  });
});
