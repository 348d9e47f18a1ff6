import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

/** Whether the Nu HTML checker can run here (it needs Java; CI installs it). */
export const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** The Nu HTML checker's error lines for one HTML document (empty when valid). */
export function vnuErrors(html: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'khabar-vnu-'));
  try {
    const file = path.join(dir, 'page.html');
    writeFileSync(file, html);
    execFileSync('java', ['-jar', vnuJar, '--errors-only', file], { encoding: 'utf8', stdio: 'pipe' });
    return [];
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error).split('\n').filter((l) => l.includes('error'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
