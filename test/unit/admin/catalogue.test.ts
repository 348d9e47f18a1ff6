import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ar } from '../../../admin/src/i18n/ar.js';
import { catalogues, languages, translate } from '../../../admin/src/i18n/catalogue.js';
import { packageRoot } from '../../../src/paths.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('the admin message catalogue', () => {
  it('has Arabic first and the default, then French and English', () => {
    expect(languages.map((l) => [l.code, l.dir])).toEqual([
      ['ar', 'rtl'],
      ['fr', 'ltr'],
      ['en', 'ltr'],
    ]);
  });

  it.each(['fr', 'en'] as const)('%s has exactly the Arabic keys, each non-empty with the same placeholders', (lang) => {
    const messages = catalogues[lang];
    expect(Object.keys(messages).sort()).toEqual(Object.keys(ar).sort());
    for (const [key, source] of Object.entries(ar)) {
      const text = messages[key as keyof typeof ar];
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(source));
    }
  });

  it('has no Arabic left in the French and English texts, and Arabic in every Arabic text but codes', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const [key, text] of Object.entries(catalogues[lang])) expect(/[\u0600-\u06FF]/.test(text), `${lang} ${key}`).toBe(false);
    }
    for (const [key, text] of Object.entries(ar)) expect(/[\u0600-\u06FF]/.test(text), `ar ${key}`).toBe(true);
  });

  it('fills placeholders', () => {
    expect(translate('ar', 'common.pageOf', { page: 2, pages: 5 })).toBe('صفحة 2 من 5');
    expect(translate('fr', 'login.locked', { minutes: 15 })).toBe('Trop de tentatives. Réessayez dans 15 min.');
    expect(translate('en', 'common.pageOf', { page: 1 })).toBe('Page 1 of {pages}');
  });

  it('covers every error code the admin API can answer, and every literal key the app uses exists', () => {
    const codes = Object.keys(ar).filter((k) => k.startsWith('error.'));
    const apiCodes = ['LOGIN_FAILED', 'RATE_LIMITED', 'UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_INVALID', 'INVALID_INPUT', 'EMAIL_TAKEN', 'INVITATION_INVALID', 'CONFLICT', 'NOT_FOUND', 'BAD_REQUEST'];
    for (const code of apiCodes) expect(codes, code).toContain(`error.${code}`);
    const used = new Set<string>();
    for (const file of sources(path.join(packageRoot, 'admin', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expect(Object.keys(ar), key).toContain(key);
  });
});
