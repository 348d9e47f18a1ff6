import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyReport, type ReportUrl } from '../../../src/importers/wordpress/ImportReport.js';
import { createUrlSpool } from '../../../src/importers/wordpress/urlSpool.js';

const temp = mkdtempSync(path.join(tmpdir(), 'khabar-url-spool-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('createUrlSpool', () => {
  it('writes the report with every spooled URL (more than the 10,000 the report keeps), then removes its file', async () => {
    const spoolDir = path.join(temp, 'spool');
    mkdirSync(spoolDir);
    const spool = createUrlSpool(spoolDir);
    const urls: ReportUrl[] = [];
    for (let i = 0; i < 25_000; i++) {
      const url: ReportUrl = i % 3 === 0 ? { from: `https://old.example.ma/?p=${i}`, to: `/${i}.html`, status: 301 } : { from: `https://old.example.ma/أخبار/"${i}"\\/`, to: i % 3 === 1 ? null : `/أخبار/${i}/`, status: i % 3 === 1 ? 404 : 200 };
      urls.push(url);
      spool.add(url);
    }
    const report = { ...emptyReport('export.xml', false), urls: urls.slice(0, 10_000), urlCount: urls.length, warnings: ['تحذير'] };
    const target = path.join(temp, 'report.json');
    await spool.writeReport(target, report);
    const written = JSON.parse(readFileSync(target, 'utf8'));
    expect(written).toEqual({ ...report, urls });
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('writes an empty list when no URL was mapped, and discard leaves nothing behind', async () => {
    const spool = createUrlSpool(temp);
    const target = path.join(temp, 'empty.json');
    await spool.writeReport(target, emptyReport('x.xml', true));
    expect(JSON.parse(readFileSync(target, 'utf8')).urls).toEqual([]);
    const other = createUrlSpool(temp);
    other.add({ from: 'a', to: null, status: 404 });
    other.discard();
    expect(readdirSync(temp).filter((f) => f.startsWith('khabar-import-urls-'))).toEqual([]);
    expect(existsSync(target)).toBe(true);
  });
});
