import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ReportUrl, WordpressImportReport } from './ImportReport.js';

/** Old URLs written to a temporary file as the import maps them (one JSON line each). */
export interface UrlSpool {
  add(url: ReportUrl): void;
  /** Writes the report as JSON to `target` with every spooled URL as its `urls`, then removes the spool. */
  writeReport(target: string, report: WordpressImportReport): Promise<void>;
  /** Removes the spool without writing (the import failed). */
  discard(): void;
}

const FLUSH_AT = 1 << 18;

/**
 * A big import maps two or three old URLs per post: 100,000 posts are ~250,000 entries, tens of
 * megabytes if kept in memory until the report is written (issue #7's memory floor). The report
 * keeps the first 10,000; the spool keeps them all on disk and `writeReport` streams them into
 * the `--report` file, which thus has the same shape as before, with every URL.
 *
 * @example const spool = createUrlSpool(); await importWordpress(deps, file, { onUrl: spool.add }); await spool.writeReport('report.json', report);
 */
export function createUrlSpool(dir: string = os.tmpdir()): UrlSpool {
  const folder = mkdtempSync(path.join(dir, 'khabar-import-urls-'));
  const file = path.join(folder, 'urls.jsonl');
  const fd = openSync(file, 'w');
  let open = true;
  let buffer = '';
  const flush = () => {
    if (buffer !== '') writeSync(fd, buffer);
    buffer = '';
  };
  const close = () => {
    if (!open) return;
    open = false;
    flush();
    closeSync(fd);
  };
  const discard = () => {
    close();
    rmSync(folder, { recursive: true, force: true });
  };
  return {
    add(url) {
      buffer += `${JSON.stringify(url)}\n`;
      if (buffer.length >= FLUSH_AT) flush();
    },
    discard,
    async writeReport(target, report) {
      close();
      try {
        const marker = `\u0000urls-${process.pid}-${Date.now()}\u0000`;
        const text = `${JSON.stringify({ ...report, urls: marker }, null, 2)}\n`;
        const at = text.indexOf(JSON.stringify(marker));
        const out = createWriteStream(target);
        const failed = new Promise<never>((_, reject) => out.on('error', reject));
        const write = async (chunk: string) => {
          if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
        };
        await write(text.slice(0, at));
        let first = true;
        for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
          if (line === '') continue;
          await write(`${first ? '[\n    ' : ',\n    '}${line}`);
          first = false;
        }
        await write(`${first ? '[]' : '\n  ]'}${text.slice(at + JSON.stringify(marker).length)}`);
        out.end();
        await Promise.race([once(out, 'finish'), failed]);
      } finally {
        discard();
      }
    },
  };
}
