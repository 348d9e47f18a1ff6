import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The modules `khabar` loads before it knows the command: the static import graph of
 * src/cli/main.ts (type-only imports and `await import()` left out). The HTTP app, its views and
 * the demo are the server's; `khabar import wordpress` started with them cost ~20 MB of RSS that
 * the import's ≤ 300 MB (issue #7) does not have to spare.
 */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec.replace(/\.js$/, ''));
      const found = ['.ts', '.tsx'].map((ext) => base + ext).find((f) => existsSync(f));
      if (!found) throw new Error(`${file} imports ${spec}: no such source file`);
      visit(found);
    }
  };
  visit(path.resolve(entry));
  return seen;
}

describe("the CLI's start-up", () => {
  const graph = staticGraph('src/cli/main.ts');
  const relative = [...graph].map((f) => (path.isAbsolute(f) ? path.relative(process.cwd(), f) : f));

  it('reaches the commands it registers', () => {
    expect(relative).toContain('src/cli/commands/importWordpress.ts');
    expect(relative).toContain('src/importers/wordpress/importWordpress.ts');
  });

  it('does not load the HTTP app, its views or the demo content', () => {
    expect(relative.filter((f) => f === 'src/main.ts' || f === 'src/cli/serve.ts' || f.startsWith('src/web/') || f.startsWith('src/views/') || f.startsWith('src/demo/') || f === 'fastify')).toEqual([]);
  });
});
