import { describe, expect, it } from 'vitest';
import { callAs, signIn } from '../support/adminSessions.js';
import { commentClient } from '../support/commentForms.js';
import { siteOnStore } from '../support/siteOnStore.js';
import { storeKinds } from '../support/stores.js';

// NUL cannot be stored in PostgreSQL: an unguarded text field answered 500 there (found by this suite).
for (const kind of storeKinds) {
  describe(`NUL and control characters in every admin input — store contract [${kind.name}]`, () => {
    const env = siteOnStore(kind);

    it('refuses NUL in admin API JSON with 400 INVALID_INPUT, on every store', async () => {
      const { admin } = await signIn(env.site.khabar, { admin: 'admin' });
      const attempts: Array<[string, string, object]> = [
        ['POST', '/admin/api/articles', { title: 'a\u0000b' }],
        ['POST', '/admin/api/articles', { title: 'x', body: '<p>a\u0000b</p>' }],
        ['POST', '/admin/api/articles', { title: 'x', lede: 'a\u0000b', seoTitle: 'y' }],
        ['POST', '/admin/api/tags', { name: 'a\u0000b', slug: 'nul-tag' }],
        ['POST', '/admin/api/sections', { name: 'a\u0000b', slug: 'nul-section' }],
        ['PATCH', '/admin/api/settings', { tagline: 'a\u0000b' }],
        ['POST', '/admin/api/articles', { 'ti\u0000tle': 'x' }],
      ];
      for (const [method, url, body] of attempts) {
        const res = await callAs(env.site.khabar, admin, method as 'POST', url, body);
        expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('INVALID_INPUT');
      }
    });

    it('drops control characters from reader comments instead of failing', async () => {
      await env.store.settings.set('site', { comments: { moderation: 'open' } });
      const client = commentClient(env.site.khabar.app);
      const home = await env.site.khabar.app.inject('/');
      const url = /<a href="(\/\d{4}\/\d{2}\/[^"]+\/)"/.exec(home.body)![1]!;
      const form = await client.form(url);
      const res = await client.post({ comment_post_ID: form.articleId, khabar_token: form.token, author: 'قارئ\u0000', email: 'nul@example.ma', comment: 'تعليق\u0000 فيه\u0007 محارف' }, { ip: '198.51.100.77' });
      expect([303, 400], res.body).toContain(res.statusCode);
      await env.store.settings.set('site', {});
    });
  });
}
