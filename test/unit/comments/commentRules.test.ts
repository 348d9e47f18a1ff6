import { describe, expect, it } from 'vitest';
import { checkFormToken, commentFingerprint, hashIp, issueFormToken, moderationHash, checkModerationHash } from '../../../src/domain/comments/commentTokens.js';
import { commentsOpen } from '../../../src/domain/comments/commentsOpen.js';
import { countLinks } from '../../../src/domain/comments/countLinks.js';
import { decideCommentStatus, type CommentSignals } from '../../../src/domain/comments/decideCommentStatus.js';
import { compileWordList, skeletonOf } from '../../../src/domain/comments/matchWordList.js';
import { sanitizeCommentHtml } from '../../../src/domain/comments/sanitizeCommentHtml.js';
import { cleanName, cleanWebsite, validateCommentForm } from '../../../src/domain/comments/validateCommentForm.js';
import { avatarOf, commentCountLabel } from '../../../src/web/public/presentComments.js';

describe('the comment form’s validation', () => {
  it('requires name, email and comment, with Arabic messages', () => {
    const result = validateCommentForm({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ author: 'الرجاء كتابة اسمك.', email: 'الرجاء كتابة بريدك الإلكتروني.', comment: 'الرجاء كتابة تعليقك.' });
  });

  it('applies WordPress’s limits: name 245, email 100, website 200 characters, comment 65,525 bytes', () => {
    const ok = { author: 'س'.repeat(245), email: `${'a'.repeat(88)}@example.ma`, url: `https://example.ma/${'a'.repeat(170)}`, comment: 'ب'.repeat(32_762) };
    expect(validateCommentForm(ok).ok).toBe(true);
    const tooLong = validateCommentForm({ author: 'س'.repeat(246), email: `${'a'.repeat(90)}@example.ma`, url: `https://example.ma/${'a'.repeat(190)}`, comment: 'ب'.repeat(32_763) });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(Object.keys(tooLong.errors).sort()).toEqual(['author', 'comment', 'email', 'url']);
  });

  it('strips bidi controls and zero-width characters from names', () => {
    expect(cleanName('\u202Eسلمى\u200B \u2066Salma\u2069  ')).toBe('سلمى Salma');
    expect(validateCommentForm({ author: '\u200F\u200B', email: 'a@b.ma', comment: 'x' }).ok).toBe(false);
  });

  it('accepts http(s) websites (a bare domain gets https://) and refuses every other scheme', () => {
    expect(cleanWebsite('example.ma')).toBe('https://example.ma/');
    expect(cleanWebsite('http://example.ma/صفحة')).toBe('http://example.ma/%D8%B5%D9%81%D8%AD%D8%A9');
    expect(cleanWebsite('')).toBeNull();
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://example.ma', 'https://localhost', 'https://user:pw@example.ma', 'vbscript:x']) expect(cleanWebsite(bad), bad).toBeUndefined();
  });

  it('lower-cases emails and refuses malformed ones', () => {
    const r = validateCommentForm({ author: 'س', email: ' Salma@Example.MA ', comment: 'نص' });
    expect(r.ok && r.value.authorEmail).toBe('salma@example.ma');
    for (const bad of ['salma', 'salma@', '@example.ma', 'salma@example', 'a b@example.ma', 'a<b>@example.ma']) expect(validateCommentForm({ author: 'س', email: bad, comment: 'نص' }).ok, bad).toBe(false);
  });
});

describe('word lists (disallowed and moderation words)', () => {
  const list = compileWordList(['غبي', 'كلمة ممنوعة', 'حمار', 'spam']);
  it('match whatever the harakat, hamza forms, tatweel, elongation and prefixes', () => {
    for (const text of ['أنت غَبِيٌّ', 'يا غبـــــي', 'غبييييي', 'والغبي', 'هذه كلمةُ ممنوعة', 'SPAM!', 'يا حماااار']) expect(list.find(text), text).not.toBeNull();
  });
  it('match Arabizi spellings by their consonant skeleton', () => {
    expect(skeletonOf('حمار')).toBe(skeletonOf('7mar'));
    expect(list.find('ya 7mar')).toBe('حمار');
    expect(list.find('ya hmaar')).toBe('حمار');
  });
  it('leave innocent text alone', () => {
    for (const text of ['مقال جميل', 'spamming is bad? no: spa', 'الحماية المدنية', 'Hamid']) expect(list.find(text), text).toBeNull();
    expect(compileWordList([]).find('أي شيء')).toBeNull();
  });
});

describe('moderation decision (WordPress’s rules)', () => {
  const none: CommentSignals = { honeypot: false, disallowedWord: null, moderationWord: null, links: 0, returning: false, staff: false };
  it('holds first comments and trusts returning commenters by default', () => {
    expect(decideCommentStatus({ moderation: 'trust-returning', maxLinks: 2 }, none)).toBe('pending');
    expect(decideCommentStatus({ moderation: 'trust-returning', maxLinks: 2 }, { ...none, returning: true })).toBe('approved');
  });
  it('holds everything when asked, spam beats everything, links and moderation words hold', () => {
    expect(decideCommentStatus({ moderation: 'hold-all', maxLinks: 2 }, { ...none, returning: true })).toBe('pending');
    expect(decideCommentStatus({ moderation: 'open', maxLinks: 2 }, { ...none, honeypot: true, staff: true })).toBe('spam');
    expect(decideCommentStatus({ moderation: 'open', maxLinks: 2 }, { ...none, disallowedWord: 'x' })).toBe('spam');
    expect(decideCommentStatus({ moderation: 'open', maxLinks: 2 }, { ...none, links: 3 })).toBe('pending');
    expect(decideCommentStatus({ moderation: 'open', maxLinks: 2 }, { ...none, moderationWord: 'y' })).toBe('pending');
    expect(decideCommentStatus({ moderation: 'open', maxLinks: 2 }, none)).toBe('approved');
    expect(decideCommentStatus({ moderation: 'hold-all', maxLinks: 2 }, { ...none, staff: true })).toBe('approved');
  });
  it('counts anchors and bare URLs', () => {
    expect(countLinks('<a href="https://a.ma">a</a> https://b.ma www.c.ma')).toBe(3);
    expect(countLinks('لا روابط هنا')).toBe(0);
  });
});

describe('tokens, hashes and fingerprints', () => {
  const key = 'test-key';
  it('signs the form for one article and refuses instant, stale and forged posts', () => {
    const token = issueFormToken(key, 7, 1_000_000);
    expect(checkFormToken(key, 7, token, 1_005_000, 3000, 60_000)).toEqual({ ok: true, ageMs: 5000 });
    expect(checkFormToken(key, 7, token, 1_001_000, 3000, 60_000)).toEqual({ ok: false, reason: 'too-fast' });
    expect(checkFormToken(key, 7, token, 1_100_000, 3000, 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(checkFormToken(key, 8, token, 1_005_000, 3000, 60_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken('other', 7, token, 1_005_000, 3000, 60_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(key, 7, '', 1_005_000, 3000, 60_000)).toEqual({ ok: false, reason: 'missing' });
    expect(checkFormToken(key, 7, 'zzz.abc', 1_005_000, 3000, 60_000)).toEqual({ ok: false, reason: 'forged' });
  });
  it('ties the held-comment link to the comment and its email', () => {
    const hash = moderationHash(key, 5, 'a@b.ma');
    expect(checkModerationHash(key, 5, 'A@B.ma', hash)).toBe(true);
    expect(checkModerationHash(key, 6, 'a@b.ma', hash)).toBe(false);
    expect(checkModerationHash(key, 5, 'a@b.ma', undefined)).toBe(false);
  });
  it('hashes IP addresses with the site’s key, never storing them', () => {
    expect(hashIp(key, '203.0.113.7')).toMatch(/^[0-9a-f]{32}$/);
    expect(hashIp(key, '203.0.113.7')).not.toBe(hashIp('other', '203.0.113.7'));
    expect(hashIp(key, '203.0.113.7')).not.toContain('203');
  });
  it('gives the same fingerprint to the same words typed differently', () => {
    expect(commentFingerprint('رأيٌ  واحدٌ')).toBe(commentFingerprint('رأي واحد'));
    expect(commentFingerprint('رأي واحد')).not.toBe(commentFingerprint('رأي آخر'));
  });
});

describe('comment text and presentation', () => {
  it('keeps the inline allow-list, escapes everything else, makes paragraphs', () => {
    expect(sanitizeCommentHtml('سطر أول\nسطر ثان\n\nفقرة <em>ثانية</em> <img src=x onerror=alert(1)>')).toBe('<p>سطر أول<br />سطر ثان</p><p>فقرة <em>ثانية</em> &lt;img /&gt;</p>');
  });
  it('closes comments when the article is not published, closed, or past the site’s limit', () => {
    const now = new Date('2026-11-29T10:00:00Z');
    const article = { status: 'published' as const, commentsOpen: true, publishedAt: new Date('2026-11-20T10:00:00Z') };
    expect(commentsOpen(article, null, now)).toBe(true);
    expect(commentsOpen(article, 14, now)).toBe(true);
    expect(commentsOpen(article, 7, now)).toBe(false);
    expect(commentsOpen({ ...article, commentsOpen: false }, null, now)).toBe(false);
    expect(commentsOpen({ ...article, status: 'draft' }, null, now)).toBe(false);
  });
  it('counts in Arabic’s six plural forms', () => {
    expect([0, 1, 2, 3, 10, 11, 99, 100, 101].map(commentCountLabel)).toEqual(['لا توجد تعليقات', 'تعليق واحد', 'تعليقان', '3 تعليقات', '10 تعليقات', '11 تعليقاً', '99 تعليقاً', '100 تعليق', '101 تعليق']);
  });
  it('draws initials: one Arabic letter, two Latin ones, a stable colour', () => {
    expect(avatarOf('سلمى بناني').initials).toBe('س');
    expect(avatarOf('karim benali').initials).toBe('KB');
    expect(avatarOf('سلمى').hue).toBe(avatarOf('سلمى').hue);
    expect(avatarOf('   ').initials).toBe('؟');
  });
});
