import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** Every table's rows, each row as JSON, sorted: two equal snapshots mean two identical databases. */
export type TableSnapshot = Record<string, string[]>;

export function sqliteSnapshot(file: string): TableSnapshot {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as Array<{ name: string }>;
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`select * from "${name}"`).all() as unknown[]).map(stable).sort()]));
  } finally {
    db.close();
  }
}

export async function postgresSnapshot(url: string): Promise<TableSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).rows;
    const out: TableSnapshot = {};
    for (const { name } of tables) out[name] = (await client.query(`select * from "${name}"`)).rows.map(stable).sort();
    return out;
  } finally {
    await client.end();
  }
}

/** Relative path → SHA-256 of every file under `dir`. */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}

function stable(row: unknown): string {
  return JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value));
}
