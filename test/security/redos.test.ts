import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createPermalink } from '../../src/domain/permalink.js';
import { ISOLATE_TOKEN, splitBidiRuns } from '../../src/domain/text/bidi.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Every regular expression literal in src/, and every `new RegExp(…)` call site, read with the TypeScript parser. */
function scanSources(): { literals: Found[]; constructed: string[] } {
  const literals: Found[] = [];
  const constructed: string[] = [];
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  for (const relative of files) {
    const file = path.join(SRC, relative);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const slash = text.lastIndexOf('/');
        literals.push({ file: relative, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === 'RegExp') constructed.push(relative);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, constructed: constructed.sort() };
}

/**
 * Expressions recheck does not call safe, each with why no request can make it slow. Everything
 * reachable with a reader's or a login's input must be `safe`; add here only with a reason.
 */
const NOT_ON_A_REQUEST_PATH: Array<{ file: string; source: string; why: string }> = [
  { file: 'config/loadConfig.ts', source: '\\/+$', why: 'trims the configured base URL at start-up' },
  { file: 'feeds/sitemaps.ts', source: '\\/+$', why: 'trims the configured base URL' },
  { file: 'operations/distribution/readSitemaps.ts', source: '\\/+$', why: 'trims the configured base URL' },
  { file: 'operations/importing/mapJsonlArticle.ts', source: '<\\/?(p|div|br|h[1-6]|ul|ol|li|blockquote|strong|em|a|figure|img)\\b[^>]*>', why: 'reads import files an operator gives the CLI' },
  {
    file: 'domain/text/readingTime.ts',
    source: '<(script|style|template|noscript)\\b[^>]*>[\\s\\S]*?<\\/\\1\\s*>',
    why: 'runs on stored, sanitized article HTML, where every < starts a complete tag and script/style never survive',
  },
  { file: 'domain/text/readingTime.ts', source: '<!--[\\s\\S]*?-->', why: 'stored, sanitized article HTML has no comments (the sanitizer drops them)' },
  { file: 'search/plainText.ts', source: '<(script|style)\\b[^>]*>[\\s\\S]*?<\\/\\1>', why: 'indexes stored, sanitized article HTML (no script or style survives the sanitizer)' },
];

/**
 * Folders whose expressions only see files an operator hands the CLI, never a request: the
 * WordPress importer reads the export given to `khabar import wordpress`. (An admin upload of
 * exports, not built yet, would put them on a request path: they must be made linear first.)
 */
const OPERATOR_FILES_ONLY = [{ folder: 'importers/', why: 'reads the WXR file an operator gives `khabar import wordpress`' }];

/** recheck cannot analyse look-arounds ("unknown"); an expression without any quantifier is linear anyway. */
function hasNoQuantifier(source: string): boolean {
  return !/[*+?{]/.test(source.replace(/\\p\{[^}]*\}/g, '').replace(/^\(\?[=!]/, '('));
}

function verdict(source: string, flags: string) {
  const result = checkSync(source, flags, { timeout: 10_000 });
  return { status: result.status, attack: result.status === 'vulnerable' ? result.attack.pattern : undefined, complexity: result.status === 'vulnerable' ? result.complexity.type : undefined };
}

describe('ReDoS: every regular expression in src/ checked with recheck', () => {
  const { literals, constructed } = scanSources();

  it(`finds the expressions (${literals.length} literals)`, () => {
    expect(literals.length).toBeGreaterThan(150);
    // Built at run time: only these two, checked below from what they build.
    expect([...new Set(constructed)]).toEqual(['domain/permalink.ts', 'domain/text/bidi.ts']);
  });

  it('calls every literal safe, except the listed ones that no request reaches', () => {
    const unsafe: string[] = [];
    const excused = new Set<string>();
    for (const found of literals) {
      const result = verdict(found.source, found.flags);
      if (result.status === 'safe') continue;
      const known = NOT_ON_A_REQUEST_PATH.find((e) => e.file === found.file && e.source === found.source);
      if (known) {
        excused.add(`${known.file} ${known.source}`);
        continue;
      }
      if (OPERATOR_FILES_ONLY.some((o) => found.file.startsWith(o.folder))) continue;
      if (result.status === 'unknown' && hasNoQuantifier(found.source)) continue;
      unsafe.push(`${found.file}:${found.line} /${found.source}/${found.flags}: ${result.status} ${result.complexity ?? ''} ${result.attack ?? ''}`);
    }
    expect(unsafe).toEqual([]);
    // The exception list holds nothing stale.
    expect([...excused].sort()).toEqual([...new Set(NOT_ON_A_REQUEST_PATH.map((e) => `${e.file} ${e.source}`))].sort());
  }, 180_000);

  it('calls the permalink parsers of the usual WordPress structures safe', () => {
    for (const structure of ['/%year%/%monthnum%/%postname%/', '/%post_id%.html', '/%postname%/', '/%category%/%postname%/', '/%year%/%monthnum%/%day%/%postname%/', '/archives/%post_id%', '/%category%/%post_id%-%postname%.html', '/%author%/%postname%/']) {
      const pattern = createPermalink(structure, 'Africa/Casablanca').pattern;
      expect(verdict(pattern.source, pattern.flags), structure).toMatchObject({ status: 'safe' });
    }
  }, 120_000);

  it('keeps the bidi tokenizer (quadratic per recheck) fast at the longest text it is given', () => {
    // recheck: 2nd-degree polynomial, from the e-mail alternative rescanning a long run of
    // [A-Za-z0-9._%+-] for an @. It isolates Latin runs in titles (≤ 500 characters), ledes
    // (≤ 5,000) and author names, all written by signed-in staff, never in reader comments;
    // each text's runs are cached. The attack at the lede's bound must stay well under a second.
    const result = verdict(ISOLATE_TOKEN.source, ISOLATE_TOKEN.flags);
    expect(result.complexity).not.toBe('exponential');
    const attack = `ع ${'-.'.repeat(1250)}.t${'0.t'.repeat(1250)}p`.slice(0, 5000);
    const started = performance.now();
    splitBidiRuns(attack);
    expect(performance.now() - started).toBeLessThan(1000);
  }, 120_000);

  it('answers the attack strings recheck found for the old expressions quickly', async () => {
    const { countLinks } = await import('../../src/domain/comments/countLinks.js');
    const { checkEmail } = await import('../../src/operations/accounts/validateAccount.js');
    const { validateCommentForm } = await import('../../src/domain/comments/validateCommentForm.js');
    const { countWords } = await import('../../src/domain/text/readingTime.js');
    const { slugify } = await import('../../src/domain/text/slug.js');
    const attacks: Array<[string, () => unknown]> = [
      ['countLinks: 30,000 unclosed <a ', () => countLinks('<A\t'.repeat(10_000))],
      ['countLinks: anchors without ends', () => countLinks('/A><A\t>'.repeat(5_000))],
      ['login email: 1 MB of dots', () => expect(() => checkEmail(`a@${'.a'.repeat(500_000)}@`)).toThrow()],
      ['comment email: dots', () => validateCommentForm({ author: 'x', email: `\u0000@\u0000${'...'.repeat(20)}\u0000@....`, comment: 'x' } as never)],
      ['word count: 100,000 < and symbols', () => countWords(`${'<'.repeat(100_000)} ${'\u0000'.repeat(100_000)}0`)],
      ['slug: 100,000 dashes', () => slugify(`x${'-'.repeat(100_000)}y`)],
    ];
    for (const [what, run] of attacks) {
      const started = performance.now();
      run();
      // Measured while other work ran; the quadratic versions took seconds to hours here.
      expect(performance.now() - started, what).toBeLessThan(500);
    }
  });
});
